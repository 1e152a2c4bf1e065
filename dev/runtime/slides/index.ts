/**
 * SlidesApp over the emulated deck in a HostContext. The context is read at every call, so the runtime may swap
 * the document between executions; the objects handed out hold the model objects they were made from.
 */
import { FakeUi } from '../ui';
import type { HostContext } from '../world';
import { FakeAffineTransform } from './elements';
import {
  AlignmentPosition,
  ArrowStyle,
  CellMergeState,
  ColorType,
  DashStyle,
  FillType,
  LineCategory,
  LineFillType,
  LinkType,
  PageElementType,
  PageType,
  PlaceholderType,
  PredefinedLayout,
  SelectionType,
  ShapeType,
  SheetsChartEmbedType,
  ThemeColorType,
  VideoSourceType,
} from './enums';
import { FakePresentation } from './presentation';
import { as, requireAuthorization, ScriptException } from './shared';

export {
  FakeGroup,
  FakeImage,
  FakeLine,
  FakePageElement,
  FakeShape,
  FakeSheetsChart,
  FakeTable,
  FakeVideo,
  FakeWordArt,
} from './elements';
export * from './enums';
export { FakePage, FakeSlide } from './pages';
export { FakePresentation, FakeSelection } from './presentation';
export { ScriptException } from './shared';

const PRESENTATION_SCOPES = [
  'https://www.googleapis.com/auth/presentations.currentonly',
  'https://www.googleapis.com/auth/presentations',
] as const;

export class FakeSlidesApp
  implements Pick<GoogleAppsScript.Slides.SlidesApp, 'getActivePresentation' | 'getUi' | 'newAffineTransformBuilder'>
{
  readonly AlignmentPosition = AlignmentPosition;
  readonly ArrowStyle = ArrowStyle;
  readonly CellMergeState = CellMergeState;
  readonly ColorType = ColorType;
  readonly DashStyle = DashStyle;
  readonly FillType = FillType;
  readonly LineCategory = LineCategory;
  readonly LineFillType = LineFillType;
  readonly LinkType = LinkType;
  readonly PageElementType = PageElementType;
  readonly PageType = PageType;
  readonly PlaceholderType = PlaceholderType;
  readonly PredefinedLayout = PredefinedLayout;
  readonly SelectionType = SelectionType;
  readonly ShapeType = ShapeType;
  readonly SheetsChartEmbedType = SheetsChartEmbedType;
  readonly ThemeColorType = ThemeColorType;
  readonly VideoSourceType = VideoSourceType;

  constructor(private readonly ctx: HostContext) {}

  /** Throws before authorization (AuthMode.NONE) even in Slides; null when the open file is not a deck. */
  getActivePresentation(): GoogleAppsScript.Slides.Presentation {
    requireAuthorization(this.ctx, 'SlidesApp.getActivePresentation', PRESENTATION_SCOPES);
    const document = this.ctx.document;
    return as(document?.kind === 'deck' ? new FakePresentation(document) : null);
  }

  /** "A builder for AffineTransform objects. Defaults to the identity transform." */
  newAffineTransformBuilder(): GoogleAppsScript.Slides.AffineTransformBuilder {
    return as(new FakeAffineTransformBuilder());
  }

  /** Needs no authorization; throws outside Slides, which is how Peel tells the editors apart. */
  getUi(): GoogleAppsScript.Base.Ui {
    if (this.ctx.document?.kind !== 'deck') {
      throw new ScriptException('Cannot call SlidesApp.getUi() from this context.');
    }
    return as(new FakeUi(this.ctx.ui));
  }
}

export class FakeAffineTransformBuilder {
  private readonly values = { scaleX: 1, scaleY: 1, shearX: 0, shearY: 0, translateX: 0, translateY: 0 };

  setScaleX(scaleX: number): this {
    this.values.scaleX = scaleX;
    return this;
  }

  setScaleY(scaleY: number): this {
    this.values.scaleY = scaleY;
    return this;
  }

  setShearX(shearX: number): this {
    this.values.shearX = shearX;
    return this;
  }

  setShearY(shearY: number): this {
    this.values.shearY = shearY;
    return this;
  }

  setTranslateX(translateX: number): this {
    this.values.translateX = translateX;
    return this;
  }

  setTranslateY(translateY: number): this {
    this.values.translateY = translateY;
    return this;
  }

  build(): GoogleAppsScript.Slides.AffineTransform {
    return as(new FakeAffineTransform({ ...this.values }));
  }
}

export function createSlidesApp(ctx: HostContext): FakeSlidesApp {
  return new FakeSlidesApp(ctx);
}
