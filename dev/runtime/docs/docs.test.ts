import { describe, expect, it } from 'vitest';
import type { BlockState, DocumentState, FlowState, InlineImageState } from '../model';
import { demoDeck, demoDoc } from '../seed';
import { FakeBlob } from '../services/blob';
import { blob, png, pngBlob, WEBP } from '../slides/fixtures';
import { INVALID_IMAGE } from '../slides/shared';
import { emptyUiLog, type HostContext } from '../world';
import { createDocumentApp } from './index';

type Doc = GoogleAppsScript.Document.Document;

function context(doc: DocumentState | null = demoDoc(), authMode: HostContext['authMode'] = 'FULL'): HostContext {
  return { document: doc, ui: emptyUiLog(), authMode };
}

function setup(doc = demoDoc()) {
  const app = createDocumentApp(context(doc));
  return { doc, app, document: app.getActiveDocument() };
}

function bodyBlockIndex(doc: DocumentState, id: string): number {
  return doc.body.findIndex((block) => block.id === id);
}

/** A paragraph or list item of the model; a table where one is expected fails the test. */
function asBlock(item: FlowState | undefined): BlockState | undefined {
  if (item?.kind === 'table') throw new Error('a table, not a paragraph');
  return item;
}

function cursor(document: Doc): GoogleAppsScript.Document.Position {
  const position = document.getCursor();
  if (!position) throw new Error('no cursor');
  return position;
}

describe('host detection and authorization', () => {
  it('gives the Ui in Docs in every auth mode and refuses it in Slides', () => {
    for (const mode of ['NONE', 'LIMITED', 'FULL'] as const) {
      expect(() => createDocumentApp(context(demoDoc(), mode)).getUi()).not.toThrow();
    }
    expect(() => createDocumentApp({ ...context(), document: demoDeck() }).getUi()).toThrow(
      'Cannot call DocumentApp.getUi() from this context.',
    );
  });

  it('refuses getActiveDocument in AuthMode.NONE and has none in Slides', () => {
    expect(() => createDocumentApp(context(demoDoc(), 'NONE')).getActiveDocument()).toThrow(
      /^You do not have permission to call DocumentApp\.getActiveDocument\. Required permissions: \(https:\/\/www\.googleapis\.com\/auth\/documents\.currentonly/,
    );
    expect(createDocumentApp({ ...context(), document: demoDeck() }).getActiveDocument()).toBeNull();
  });
});

describe('document structure', () => {
  it('reports page size and margins in points', () => {
    const body = setup().document.getBody();
    expect([body.getPageWidth(), body.getPageHeight()]).toEqual([612, 792]);
    expect([body.getMarginLeft(), body.getMarginRight(), body.getMarginTop(), body.getMarginBottom()]).toEqual([
      72, 72, 72, 72,
    ]);
  });

  it('walks paragraphs, list items, headers and footnotes', () => {
    const { app, document } = setup();
    const body = document.getBody();
    expect(body.getChild(0).getType()).toBe(app.ElementType.PARAGRAPH);
    expect(body.getChild(0).asParagraph().getHeading()).toBe(app.ParagraphHeading.TITLE);
    expect(body.getListItems()).toHaveLength(3);
    expect(body.getParagraphs()).toHaveLength(body.getNumChildren());
    expect(body.getChild(4).getType()).toBe(app.ElementType.LIST_ITEM);
    expect(() => body.getChild(4).asParagraph()).toThrow(/LIST_ITEM/);
    expect(body.getImages()[0]?.getAltTitle()).toBe('Sunrise over the test plots');
    expect(document.getHeader().getText()).toBe('Northwind Field Report · Draft for review');
    expect(document.getFooter()).toBeNull();
    const [footnote] = document.getFootnotes();
    expect(footnote?.getFootnoteContents().getText()).toMatch(/^Measured weekly/);
  });
});

describe('cursor and insertion', () => {
  it('inserts an image at the cursor at its pixel size and moves the caret past it', () => {
    const { doc, app, document } = setup();
    const position = cursor(document);
    expect(position.getElement().getType()).toBe(app.ElementType.TEXT);
    expect(position.getSurroundingText().getText()).toMatch(/^Readers skim/);
    expect(position.getOffset()).toBe(position.getSurroundingText().getText().length);
    const image = position.insertInlineImage(pngBlob(320, 200));
    expect([image.getWidth(), image.getHeight()]).toEqual([320, 200]);
    expect(image.getParent().getType()).toBe(app.ElementType.PARAGRAPH);
    const block = asBlock(doc.body[bodyBlockIndex(doc, 'b-readers')]);
    expect(block?.children.map((child) => child.kind)).toEqual(['text', 'image']);
    const textLength = position.getSurroundingText().getText().length;
    expect(doc.selection.cursor?.offset).toBe(textLength + 1);
  });

  it('splits the text when the cursor is mid-paragraph', () => {
    const { doc, document } = setup();
    const paragraph = document.getBody().getChild(bodyBlockIndex(doc, 'b-intro')).asParagraph();
    const text = paragraph.getChild(0).asText();
    document.setCursor(document.newPosition(text, 4));
    cursor(document).insertInlineImage(pngBlob(10, 10));
    expect(paragraph.getNumChildren()).toBe(3);
    expect(paragraph.getChild(0).asText().getText()).toBe('This');
    expect(paragraph.getChild(1).getType()).toBe(createDocumentApp(context()).ElementType.INLINE_IMAGE);
  });

  it('inserts an image in a new paragraph after a given one', () => {
    const { doc, document } = setup();
    const body = document.getBody();
    const after = body.getChild(bodyBlockIndex(doc, 'b-why'));
    const index = body.getChildIndex(after) + 1;
    const image = body.insertImage(index, pngBlob(64, 48)).setAltTitle('Chart').setAltDescription('Bars');
    expect(body.getChildIndex(image.getParent())).toBe(index);
    expect(asBlock(doc.body[index])?.children[0]).toMatchObject({
      kind: 'image',
      altTitle: 'Chart',
      altDescription: 'Bars',
    });
    const appended = body.appendParagraph('').appendInlineImage(blob(png(8, 8)));
    expect(asBlock(doc.body.at(-1))?.children[0]).toMatchObject({ kind: 'image', width: 8, height: 8 });
    expect(appended.getBlob()).toBeInstanceOf(FakeBlob);
  });

  it('answers null for an image at a cursor in a footnote, and refuses one there directly', () => {
    const { doc, app, document } = setup();
    doc.selection = { cursor: { section: 'footnote', blockId: 'fn-1', offset: 3 }, range: null, imageId: null };
    const position = cursor(document);
    expect(position.getElement().getParent().getParent().getType()).toBe(app.ElementType.FOOTNOTE_SECTION);
    expect(position.insertInlineImage(pngBlob(10, 10))).toBeNull();
    const paragraph = document.getFootnotes()[0]?.getFootnoteContents().getChild(0).asParagraph();
    expect(() => paragraph?.appendInlineImage(pngBlob(10, 10))).toThrow(/footnote/);
  });

  it('lets a cursor in the header be recognised and used', () => {
    const { doc, app, document } = setup();
    doc.selection = { cursor: { section: 'header', blockId: 'h-1', offset: 0 }, range: null, imageId: null };
    const position = cursor(document);
    expect(position.getElement().getParent().getParent().getType()).toBe(app.ElementType.HEADER_SECTION);
    expect(position.insertInlineImage(pngBlob(10, 10))).not.toBeNull();
    expect(asBlock(doc.header[0])?.children[0]?.kind).toBe('image');
  });

  it('places the position on the paragraph in an empty paragraph', () => {
    const { doc, app, document } = setup();
    const empty = document.getBody().appendParagraph('');
    document.setCursor(document.newPosition(empty, 0));
    expect(doc.selection.cursor).toMatchObject({ blockId: doc.body.at(-1)?.id, offset: 0 });
    expect(cursor(document).getElement().getType()).toBe(app.ElementType.PARAGRAPH);
  });

  it('enforces the image limits', () => {
    const { document } = setup();
    expect(() => cursor(document).insertInlineImage(blob(WEBP))).toThrow(INVALID_IMAGE);
  });
});

describe('selection', () => {
  it('gives a selected inline image as an INLINE_IMAGE range element, and no cursor', () => {
    const { doc, app, document } = setup();
    doc.selection = { cursor: null, range: null, imageId: 'img-sunrise' };
    expect(document.getCursor()).toBeNull();
    const [element] = document.getSelection().getRangeElements();
    expect(element?.getElement().getType()).toBe(app.ElementType.INLINE_IMAGE);
    expect(element?.isPartial()).toBe(false);
    expect(element?.getStartOffset()).toBe(-1);
    expect(element?.getElement().asInlineImage().getAltDescription()).toBe('An orange sun rising over green hills');
  });

  it('gives nothing for a selected positioned image, which is not an Element', () => {
    const { doc, document } = setup();
    doc.selection = { cursor: null, range: null, imageId: 'pos-stamp' };
    expect(document.getSelection()).toBeNull();
    expect(document.getCursor()).toBeNull();
    const positioned = document
      .getBody()
      .getChild(bodyBlockIndex(doc, 'b-findings'))
      .asParagraph()
      .getPositionedImages();
    expect(positioned[0]?.getId()).toBe('pos-stamp');
  });

  it('gives a text range as partial Text pieces and whole paragraphs', () => {
    const { doc, app, document } = setup();
    doc.selection = {
      cursor: null,
      range: {
        start: { section: 'body', blockId: 'b-intro', offset: 5 },
        end: { section: 'body', blockId: 'b-readers', offset: 7 },
      },
      imageId: null,
    };
    const elements = document.getSelection().getRangeElements();
    expect(elements.map((element) => [String(element.getElement().getType()), element.isPartial()])).toEqual([
      ['TEXT', true],
      ['PARAGRAPH', false],
      ['TEXT', true],
    ]);
    expect(elements[0]?.getStartOffset()).toBe(5);
    expect(elements[2]?.getEndOffsetInclusive()).toBe(6);
    expect(elements[1]?.getElement().asParagraph().getHeading()).toBe(app.ParagraphHeading.HEADING1);
    expect(document.getCursor()).toBeNull();
  });

  it('has no selection with only a caret', () => {
    expect(setup().document.getSelection()).toBeNull();
  });
});

describe('inline images', () => {
  it('replaces an image in place: insert at its index, copy size and alt text, remove the old one', () => {
    const { doc, document } = setup();
    doc.selection = { cursor: null, range: null, imageId: 'img-sunrise' };
    const old = document.getSelection().getRangeElements()[0]?.getElement().asInlineImage();
    if (!old) throw new Error('no image');
    const parent = old.getParent().asParagraph();
    const index = parent.getChildIndex(old);
    const fresh = parent.insertInlineImage(index, pngBlob(400, 300));
    fresh.setWidth(old.getWidth()).setHeight(old.getHeight());
    fresh.setAltTitle(old.getAltTitle()).setAltDescription(old.getAltDescription());
    old.removeFromParent();
    const figure = asBlock(doc.body[bodyBlockIndex(doc, 'b-figure')]);
    expect(figure?.children).toHaveLength(1);
    expect(figure?.children[0]).toMatchObject({ width: 240, height: 180, altTitle: 'Sunrise over the test plots' });
    expect((figure?.children[0] as InlineImageState | undefined)?.image.pixelWidth).toBe(400);
    expect(doc.selection.imageId).toBeNull();
    expect(() => old.getWidth()).toThrow(/removed/);
  });

  it('treats a null alt title as empty and rounds pixel sizes', () => {
    const image = setup().document.getBody().getImages()[0];
    image?.setAltTitle(null as unknown as string).setWidth(100.6);
    expect(image?.getAltTitle()).toBe('');
    expect(image?.getWidth()).toBe(101);
  });
});

describe('named ranges', () => {
  function selectedImage(doc: DocumentState, document: Doc): GoogleAppsScript.Document.InlineImage {
    doc.selection = { cursor: null, range: null, imageId: 'img-sunrise' };
    const image = document.getSelection().getRangeElements()[0]?.getElement().asInlineImage();
    if (!image) throw new Error('no image');
    return image;
  }

  it('tag an inline image, and find it again by name and by id after text moves it', () => {
    const { doc, document } = setup();
    const image = selectedImage(doc, document);
    const named = document.addNamedRange('peel:thread-1', document.newRange().addElement(image).build());
    expect(named.getName()).toBe('peel:thread-1');
    expect(named.getId()).toMatch(/^kix\./);
    // Text typed before the image moves it; the range follows the element, not the offset.
    image.getParent().asParagraph().insertText(0, 'Figure 1: ');
    const [found] = document.getNamedRanges('peel:thread-1');
    const element = found?.getRange().getRangeElements()[0];
    expect(element?.isPartial()).toBe(false);
    expect(element?.getElement().asInlineImage().getAltTitle()).toBe('Sunrise over the test plots');
    expect(document.getNamedRangeById(named.getId())?.getName()).toBe('peel:thread-1');
    expect(document.getNamedRanges('other')).toEqual([]);
    expect(document.getNamedRanges()).toHaveLength(1);
    // Saved with the document, as JSON.
    expect(JSON.parse(JSON.stringify(doc)).namedRanges).toHaveLength(1);
  });

  it('go away with their image: a replaced image needs a new tag, and removal is explicit too', () => {
    const { doc, document } = setup();
    const image = selectedImage(doc, document);
    const first = document.addNamedRange('peel:a', document.newRange().addElement(image).build());
    const second = document.addNamedRange('peel:b', document.newRange().addElement(image.getParent()).build());
    const parent = image.getParent().asParagraph();
    parent.insertInlineImage(parent.getChildIndex(image), pngBlob(40, 30));
    image.removeFromParent();
    expect(document.getNamedRangeById(first.getId())).toBeNull();
    expect(document.getNamedRanges().map((r) => r.getName())).toEqual(['peel:b']);
    second.remove();
    expect(document.getNamedRanges()).toEqual([]);
  });

  it('do not follow a copy of the image, and take a selection as the range', () => {
    const { doc, document } = setup();
    const image = selectedImage(doc, document);
    document.addNamedRange('peel:copy', document.getSelection());
    document.getBody().appendParagraph('').appendInlineImage(image);
    const tagged = document.getNamedRanges('peel:copy')[0]?.getRange().getRangeElements();
    expect(tagged).toHaveLength(1);
    expect(document.getBody().getImages()).toHaveLength(2);
  });

  it('refuse an empty name, a name over 256 characters and an empty range', () => {
    const { doc, document } = setup();
    const range = document.newRange().addElement(selectedImage(doc, document)).build();
    expect(() => document.addNamedRange('', range)).toThrow(/name/);
    expect(() => document.addNamedRange('x'.repeat(257), range)).toThrow(/name/);
    expect(document.addNamedRange('x'.repeat(256), range).getName()).toHaveLength(256);
    expect(() => document.addNamedRange('empty', document.newRange().build())).toThrow(/range/);
  });
});
