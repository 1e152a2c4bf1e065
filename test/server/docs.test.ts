/**
 * Generate and insert in Docs, through the functions the sidebar calls, against the in-memory DocumentApp over
 * the demo document (US Letter, 72 pt margins: a 468 pt text column; a header, a footnote, an inline and a
 * positioned image; the caret at the end of a body paragraph).
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { sectionBlocks } from '../../dev/runtime/docs/flow';
import type { BlockState, DocumentState, InlineImageState } from '../../dev/runtime/model';
import { demoDoc } from '../../dev/runtime/seed';
import { DEFAULT_MODEL_ID } from '../../src/core/gemini/catalog';
import {
  composeIllustratePrompt,
  generateImage,
  getSidebarContext,
  getTarget,
  insertImage,
  saveDocsWidth,
} from '../../src/server/rpc/api';
import type { InsertMode, Result } from '../../src/shared/rpc';
import { type Harness, imageOf, imageReply, installServices, pngBase64, value } from './harness';

function errorOf<T>(result: Result<T>) {
  if (result.ok) throw new Error('expected an error');
  return result.error;
}

let doc: DocumentState;
let h: Harness;

function block(id: string): BlockState {
  const found = sectionBlocks(doc, 'body').find((b) => b.id === id);
  if (!found) throw new Error(`no block ${id}`);
  return found;
}

/** The body block right after block `id`: where a picture inserted at a caret in that paragraph goes. */
function paragraphAfter(id: string): BlockState {
  const found = doc.body[doc.body.findIndex((b) => b.id === id) + 1];
  if (!found || found.kind === 'table') throw new Error(`no paragraph after ${id}`);
  return found;
}

function images(b: BlockState): InlineImageState[] {
  return b.children.filter((c): c is InlineImageState => c.kind === 'image');
}

/** Generates a 4:3 image (160 × 120) and returns its id. */
function generated(width = 160, height = 120): string {
  h.respondWith(imageReply(pngBase64(width, height), 'A field of sunflowers.'));
  return imageOf(
    generateImage({ prompt: 'Sunflowers at noon', model: DEFAULT_MODEL_ID, aspectRatio: '4:3', imageSize: '1K' }),
  ).id;
}

function insert(id: string, mode: InsertMode = 'insert') {
  return insertImage({ imageId: id, mode });
}

/** Places that take no image: a footnote and a header. */
const NO_IMAGE_HERE = [
  ['footnote', 'fn-1'],
  ['header', 'h-1'],
] as const;

function cursorIn(section: 'body' | 'header' | 'footnote', blockId: string, offset = 0): void {
  doc.selection = { cursor: { section, blockId, offset }, range: null, imageId: null };
}

beforeEach(() => {
  doc = demoDoc();
  h = installServices(doc);
});

describe('getTarget in Docs', () => {
  it('the caret at the end of a paragraph: after that paragraph, 4:3 suggested', () => {
    expect(value(getTarget())).toEqual({
      host: 'docs',
      kind: 'cursor',
      label: 'After this paragraph',
      labelWords: { key: 'afterParagraph' },
      ratio: 4 / 3,
      canInsert: true,
      canReplace: false,
      canBackground: false,
      // This reading, kept for a Generate that names it.
      placeId: expect.stringMatching(/^[a-z0-9]{20}$/),
    });
  });

  it('selected text: after the selected paragraph', () => {
    doc.selection = {
      cursor: null,
      range: {
        start: { section: 'body', blockId: 'b-intro', offset: 5 },
        end: { section: 'body', blockId: 'b-intro', offset: 40 },
      },
      imageId: null,
    };
    expect(value(getTarget())).toMatchObject({
      kind: 'paragraph',
      label: 'After the selected paragraph',
      canInsert: true,
    });
  });

  it('a selected inline image: replaceable, at its own ratio; the label says where Insert goes', () => {
    doc.selection = { cursor: null, range: null, imageId: 'img-sunrise' };
    expect(value(getTarget())).toMatchObject({
      kind: 'image',
      label: 'After the selected image (Replace selected swaps it)',
      ratio: 240 / 180,
      canReplace: true,
    });
  });

  it('a footnote, a header or a positioned image: a problem, nothing offered', () => {
    cursorIn('footnote', 'fn-1', 3);
    expect(value(getTarget())).toMatchObject({
      kind: 'none',
      canInsert: false,
      problem: 'Peel can’t put an image in a footnote. Click in the body of the document.',
    });
    cursorIn('header', 'h-1', 2);
    expect(value(getTarget()).problem).toMatch(/header or footer/);
    doc.selection = { cursor: null, range: null, imageId: 'pos-stamp' };
    expect(value(getTarget())).toMatchObject({ kind: 'none', canInsert: false });
    expect(value(getTarget()).problem).toMatch(/floating images/);
  });
});

describe('insertImage in Docs', () => {
  it('at the cursor: an inline image as wide as the text column, at its ratio, with alt text', () => {
    const id = generated();
    const words = block('b-readers').children.slice();
    const result = value(insert(id));
    // A new image starts its thread, tracked by a named range (never by its alt text).
    expect(result).toEqual({
      objectId: null,
      label: 'After this paragraph',
      labelWords: { key: 'afterParagraph' },
      threadId: expect.stringMatching(/^d/),
      // The thread as the sidebar shows it, without another call: its first turn is the prompt.
      thread: expect.objectContaining({ threadId: result.threadId, turns: [expect.objectContaining({ kind: 'new' })] }),
    });
    expect(h.ctx.document && (h.ctx.document as DocumentState).namedRanges?.map((r) => r.name)).toEqual([
      `peel.img.${result.threadId}`,
    ]);
    const [image] = images(paragraphAfter('b-readers'));
    expect(image).toMatchObject({ width: 468, height: 351 });
    expect(image?.altTitle).toBe('Sunflowers at noon');
    expect(image?.altDescription).toBe('AI-generated image. Sunflowers at noon. A field of sunflowers.');
    // The caret was at the end of the paragraph: its words are as they were, the picture in a paragraph of its own.
    expect(block('b-readers').children).toEqual(words);
    expect(paragraphAfter('b-readers').children).toEqual([image]);
  });

  it('after the selected paragraph: a new centred paragraph holding the image', () => {
    const id = generated();
    doc.selection = {
      cursor: null,
      range: {
        start: { section: 'body', blockId: 'b-list-1', offset: 0 },
        end: { section: 'body', blockId: 'b-list-2', offset: 10 },
      },
      imageId: null,
    };
    const count = doc.body.length;
    expect(value(insert(id)).label).toBe('After the selected paragraph');
    expect(doc.body).toHaveLength(count + 1);
    const index = doc.body.findIndex((b) => b.id === 'b-list-2');
    const added = doc.body[index + 1] as BlockState;
    expect(added.kind).toBe('paragraph');
    expect(added.alignment).toBe('CENTER');
    expect(images(added)).toMatchObject([{ width: 468, height: 351, altTitle: 'Sunflowers at noon' }]);
  });

  it('over a selected inline image: replaced in place, keeping its width and link', () => {
    const figure = block('b-figure');
    const old = images(figure)[0] as InlineImageState;
    old.linkUrl = 'https://example.com/plots';
    const id = generated(160, 120);
    doc.selection = { cursor: null, range: null, imageId: 'img-sunrise' };
    expect(value(insert(id, 'replace')).label).toBe('Replaced the selected image');
    const now = images(figure);
    expect(now).toHaveLength(1);
    expect(now[0]?.id).not.toBe('img-sunrise');
    expect(now[0]).toMatchObject({ width: 240, height: 180, linkUrl: 'https://example.com/plots' });
    expect(now[0]?.altTitle).toBe('Sunflowers at noon');
  });

  it('in a footnote or a header: refused, document unchanged', () => {
    const id = generated();
    for (const [section, blockId] of NO_IMAGE_HERE) {
      cursorIn(section, blockId, 2);
      const before = h.snapshot();
      const error = errorOf(insert(id));
      expect(error.code).toBe('UNSUPPORTED_SELECTION');
      expect(error.detail).toMatch(section === 'footnote' ? /footnote/ : /header or footer/);
      expect(h.snapshot()).toBe(before);
    }
  });

  it('Generate reading the selection in a footnote or a header: refused before anything is sent or billed', () => {
    for (const [section, blockId] of NO_IMAGE_HERE) {
      cursorIn(section, blockId, 2);
      const before = h.snapshot();
      const error = errorOf(
        generateImage({
          prompt: 'A logo',
          model: DEFAULT_MODEL_ID,
          aspectRatio: '4:3',
          imageSize: '1K',
          selection: 'fit',
        }),
      );
      expect(error.code).toBe('UNSUPPORTED_SELECTION');
      expect(error.detail).toMatch(section === 'footnote' ? /footnote/ : /header or footer/);
      expect(h.requests).toHaveLength(0);
      expect(h.snapshot()).toBe(before);
      expect(h.properties.document.snapshot()).toEqual({});
    }
  });

  it('with a positioned image selected, or replace with no image selected: refused, unchanged', () => {
    const id = generated();
    doc.selection = { cursor: null, range: null, imageId: 'pos-stamp' };
    const before = h.snapshot();
    expect(errorOf(insert(id))).toMatchObject({ code: 'UNSUPPORTED_SELECTION' });
    cursorIn('body', 'b-readers', 4);
    const atCursor = h.snapshot();
    expect(errorOf(insert(id, 'replace'))).toMatchObject({ code: 'UNSUPPORTED_SELECTION' });
    expect(h.snapshot()).toBe(atCursor);
    doc.selection = { cursor: null, range: null, imageId: 'pos-stamp' };
    expect(h.snapshot()).toBe(before);
  });

  it('a background is a Slides feature: BAD_INPUT before anything is read', () => {
    const id = generated();
    const before = h.snapshot();
    h.resetCounts();
    expect(errorOf(insert(id, 'background'))).toMatchObject({ code: 'BAD_INPUT' });
    expect(h.calls.CacheService).toBeUndefined();
    expect(h.snapshot()).toBe(before);
  });
});

describe('the width of new images in Docs, chosen per document', () => {
  it('is full width until someone chooses; the choice is kept for the document and Insert takes it', () => {
    expect(value(getSidebarContext()).docsWidth).toBe('full');
    expect(value(saveDocsWidth('half'))).toBe('half');
    expect(value(getSidebarContext()).docsWidth).toBe('half');

    const id = generated();
    value(insertImage({ imageId: id, mode: 'insert', docsWidth: 'half' }));
    expect(images(paragraphAfter('b-readers'))).toMatchObject([{ width: 234, height: 176 }]);
    const small = generated();
    value(insertImage({ imageId: small, mode: 'insert', docsWidth: 'small' }));
    expect(images(paragraphAfter('b-readers')).map((i) => i.width)).toEqual([156]);
  });

  it('refuses a width that is not offered, and writes nothing', () => {
    // @ts-expect-error what a hostile caller could send
    expect(errorOf(saveDocsWidth('huge'))).toMatchObject({ code: 'BAD_INPUT' });
    expect(value(getSidebarContext()).docsWidth).toBe('full');
  });
});

describe('composeIllustratePrompt in Docs', () => {
  it('composes from the selected text', () => {
    doc.selection = {
      cursor: null,
      range: {
        start: { section: 'body', blockId: 'b-found', offset: 0 },
        end: { section: 'body', blockId: 'b-findings', offset: 42 },
      },
      imageId: null,
    };
    const prompt = value(composeIllustratePrompt({ includeNotes: false }));
    expect(prompt.source).toBe('Selected text');
    expect(prompt.prompt).toContain('Passage:\nWhat we found\nSoil moisture held up better than forecast');
    expect(prompt.prompt).toMatch(/must contain no text/);
  });

  it('with only a cursor: its own sentence, saying to select the words to illustrate', () => {
    cursorIn('body', 'b-intro', 3);
    const error = errorOf(composeIllustratePrompt({ includeNotes: false }));
    expect(error).toMatchObject({
      code: 'NO_TEXT_SELECTED',
      message: 'No text is selected, so Peel has nothing to write a prompt from.',
      detail: 'Only the cursor is in the document; a click places it but selects no words.',
    });
    expect(error.action).toMatch(/^Select the words or paragraphs/);
  });
});
