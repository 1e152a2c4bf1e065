/**
 * DocumentApp over the emulated document in a HostContext, read at every call so the runtime may swap documents
 * between executions.
 */

import { as, requireAuthorization, ScriptException } from '../slides/shared';
import { FakeUi } from '../ui';
import type { HostContext } from '../world';
import { FakeDocument } from './document';
import {
  Attribute,
  ElementType,
  GlyphType,
  HorizontalAlignment,
  ParagraphHeading,
  PositionedLayout,
  TabType,
  TextAlignment,
  VerticalAlignment,
} from './enums';

export { FakeDocument, FakePosition } from './document';
export {
  FakeBody,
  FakeFootnote,
  FakeFootnoteSection,
  FakeHorizontalRule,
  FakeInlineImage,
  FakeListItem,
  FakePageBreak,
  FakeParagraph,
  FakePositionedImage,
  FakeTable,
  FakeTableCell,
  FakeTableRow,
  FakeText,
} from './elements';
export * from './enums';
export { FakeNamedRange, FakeRange, FakeRangeBuilder, FakeRangeElement } from './named-ranges';

const DOCUMENT_SCOPES = [
  'https://www.googleapis.com/auth/documents.currentonly',
  'https://www.googleapis.com/auth/documents',
] as const;

export class FakeDocumentApp implements Pick<GoogleAppsScript.Document.DocumentApp, 'getActiveDocument' | 'getUi'> {
  readonly Attribute = Attribute;
  readonly ElementType = ElementType;
  readonly GlyphType = GlyphType;
  readonly HorizontalAlignment = HorizontalAlignment;
  readonly ParagraphHeading = ParagraphHeading;
  readonly PositionedLayout = PositionedLayout;
  readonly TabType = TabType;
  readonly TextAlignment = TextAlignment;
  readonly VerticalAlignment = VerticalAlignment;

  constructor(private readonly ctx: HostContext) {}

  /** Throws before authorization (AuthMode.NONE) even in Docs; null when the open file is not a document. */
  getActiveDocument(): GoogleAppsScript.Document.Document {
    requireAuthorization(this.ctx, 'DocumentApp.getActiveDocument', DOCUMENT_SCOPES);
    const document = this.ctx.document;
    return as(document?.kind === 'doc' ? new FakeDocument(document) : null);
  }

  /** Needs no authorization; throws outside Docs, which is how Peel tells the editors apart. */
  getUi(): GoogleAppsScript.Base.Ui {
    if (this.ctx.document?.kind !== 'doc') {
      throw new ScriptException('Cannot call DocumentApp.getUi() from this context.');
    }
    return as(new FakeUi(this.ctx.ui));
  }
}

export function createDocumentApp(ctx: HostContext): FakeDocumentApp {
  return new FakeDocumentApp(ctx);
}
