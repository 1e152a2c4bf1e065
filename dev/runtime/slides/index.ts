/**
 * SlidesApp over the emulated deck in a HostContext. The context is read at every call, so the runtime may swap
 * the document between executions; the objects handed out hold the model objects they were made from.
 */
import { FakeUi } from '../ui';
import type { HostContext } from '../world';
import {
  AlignmentPosition,
  ColorType,
  PageElementType,
  PageType,
  PlaceholderType,
  PredefinedLayout,
  SelectionType,
  ShapeType,
  ThemeColorType,
} from './enums';
import { FakePresentation } from './presentation';
import { as, requireAuthorization, ScriptException } from './shared';

export { FakeImage, FakePageElement, FakeShape } from './elements';
export * from './enums';
export { FakePage, FakeSlide } from './pages';
export { FakePresentation, FakeSelection } from './presentation';
export { ScriptException } from './shared';

const PRESENTATION_SCOPES = [
  'https://www.googleapis.com/auth/presentations.currentonly',
  'https://www.googleapis.com/auth/presentations',
] as const;

export class FakeSlidesApp implements Pick<GoogleAppsScript.Slides.SlidesApp, 'getActivePresentation' | 'getUi'> {
  readonly AlignmentPosition = AlignmentPosition;
  readonly ColorType = ColorType;
  readonly PageElementType = PageElementType;
  readonly PageType = PageType;
  readonly PlaceholderType = PlaceholderType;
  readonly PredefinedLayout = PredefinedLayout;
  readonly SelectionType = SelectionType;
  readonly ShapeType = ShapeType;
  readonly ThemeColorType = ThemeColorType;

  constructor(private readonly ctx: HostContext) {}

  /** Throws before authorization (AuthMode.NONE) even in Slides; null when the open file is not a deck. */
  getActivePresentation(): GoogleAppsScript.Slides.Presentation {
    requireAuthorization(this.ctx, 'SlidesApp.getActivePresentation', PRESENTATION_SCOPES);
    const document = this.ctx.document;
    return as(document?.kind === 'deck' ? new FakePresentation(document) : null);
  }

  /** Needs no authorization; throws outside Slides, which is how Peel tells the editors apart. */
  getUi(): GoogleAppsScript.Base.Ui {
    if (this.ctx.document?.kind !== 'deck') {
      throw new ScriptException('Cannot call SlidesApp.getUi() from this context.');
    }
    return as(new FakeUi(this.ctx.ui));
  }
}

export function createSlidesApp(ctx: HostContext): FakeSlidesApp {
  return new FakeSlidesApp(ctx);
}
