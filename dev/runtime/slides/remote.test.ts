/**
 * The emulations as the bundle meets them: a tiny Code.js run by the real Runtime, so every object crosses to
 * the worker as a handle, enums as copied data and Blobs as values.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Project, project } from '../fixtures';
import { Runtime, World } from '../index';
import type { DeckState, DocumentState } from '../model';
import { demoDeck, demoDoc } from '../seed';
import { png } from './fixtures';

const CODE = `
var PNG = '${Buffer.from(png(200, 100)).toString('base64')}';
function blob() { return Utilities.newBlob(Utilities.base64Decode(PNG), 'image/png', 'generated.png'); }
function host() {
  try { SlidesApp.getUi(); return 'slides'; } catch (e) {}
  try { DocumentApp.getUi(); return 'docs'; } catch (e) {}
  return null;
}
function onOpen() { (host() === 'slides' ? SlidesApp : DocumentApp).getUi().createAddonMenu().addItem('Open Peel', 'showSidebar').addToUi(); }
function activeInNone() { try { SlidesApp.getActivePresentation(); return 'no error'; } catch (e) { return String(e); } }
function slidesFlow() {
  var presentation = SlidesApp.getActivePresentation();
  var selection = presentation.getSelection();
  var current = selection.getSelectionType() === SlidesApp.SelectionType.CURRENT_PAGE;
  var page = selection.getCurrentPage().asSlide();
  var background = page.insertImage(blob(), 0, 0, presentation.getPageWidth(), presentation.getPageHeight());
  background.setTitle('Background').setDescription('Generated').sendToBack();
  var placeholder = presentation.getSlideById('slide-3').getPlaceholder(SlidesApp.PlaceholderType.PICTURE);
  var filled = placeholder.asShape().replaceWithImage(blob());
  var back = filled.getBlob();
  return {
    host: host(),
    current: current,
    backgroundFirst: page.getPageElements()[0].getObjectId() === background.getObjectId(),
    isImage: page.getPageElements()[0].getPageElementType() === SlidesApp.PageElementType.IMAGE,
    background: [background.getLeft(), background.getTop(), background.getWidth(), background.getHeight()],
    filled: [filled.getLeft(), filled.getTop(), filled.getWidth(), filled.getHeight()],
    blob: [back.getContentType(), back.getBytes().length],
    selectionAfter: presentation.getSelection().getPageElementRange() === null,
  };
}
function docsFlow() {
  var doc = DocumentApp.getActiveDocument();
  var image = doc.getCursor().insertInlineImage(blob());
  image.setAltTitle('Generated').setAltDescription('A test image');
  var parent = image.getParent();
  return {
    host: host(),
    inline: image.getType() === DocumentApp.ElementType.INLINE_IMAGE,
    inParagraph: parent.getType() === DocumentApp.ElementType.PARAGRAPH,
    index: parent.asParagraph().getChildIndex(image),
    size: [image.getWidth(), image.getHeight()],
    usable: doc.getBody().getPageWidth() - doc.getBody().getMarginLeft() - doc.getBody().getMarginRight(),
  };
}
`;

let proj: Project;

beforeAll(async () => {
  proj = await project(CODE, { manifest: { timeZone: 'Etc/UTC' } });
});

afterAll(async () => {
  await proj.remove();
});

async function run(document: DeckState | DocumentState, fn: string, authMode?: 'NONE' | 'LIMITED' | 'FULL') {
  const world = new World({ document });
  const rt = new Runtime({ distDir: proj.dir, world });
  try {
    const result = await rt.run(fn, [], authMode ? { authMode } : {});
    return { ...result, world };
  } finally {
    await rt.close();
  }
}

describe('through the runtime', () => {
  it('builds the menu in AuthMode.NONE and refuses the presentation there', async () => {
    const { record, world } = await run(demoDeck(), 'onOpen', 'NONE');
    expect(record.status).toBe('ok');
    expect(world.ui.menus).toEqual([
      { caption: 'Peel', items: [{ caption: 'Open Peel', functionName: 'showSidebar' }] },
    ]);
    const { value } = await run(demoDeck(), 'activeInNone', 'NONE');
    expect(value).toMatch(/^Exception: You do not have permission to call SlidesApp\.getActivePresentation/);
  });

  it('inserts a background and fills a picture placeholder in Slides', async () => {
    const { value, record, world } = await run(demoDeck(), 'slidesFlow');
    expect(record.error).toBeUndefined();
    expect(value).toEqual({
      host: 'slides',
      current: true,
      backgroundFirst: true,
      isImage: true,
      background: [0, 22.5, 720, 360],
      filled: [36, 92 + (290 - 210) / 2, 420, 210],
      blob: ['image/png', png(200, 100).length],
      selectionAfter: true,
    });
    const deck = world.document as DeckState;
    expect(deck.slides[0]?.elements[0]).toMatchObject({ title: 'Background', description: 'Generated' });
  });

  it('inserts at the cursor in Docs', async () => {
    const { value, record } = await run(demoDoc(), 'docsFlow');
    expect(record.error).toBeUndefined();
    expect(value).toEqual({ host: 'docs', inline: true, inParagraph: true, index: 1, size: [200, 100], usable: 468 });
  });
});
