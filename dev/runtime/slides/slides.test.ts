import { describe, expect, it } from 'vitest';
import { createDocumentApp } from '../docs';
import type { DeckState, ImageElement } from '../model';
import { demoDeck, demoDoc } from '../seed';
import { FakeBlob } from '../services/blob';
import { emptyUiLog, type HostContext } from '../world';
import { blob, GIF_1X1, png, pngBlob, pngHeader, WEBP } from './fixtures';
import { createSlidesApp } from './index';
import { IMAGE_TOO_MANY_BYTES, IMAGE_TOO_MANY_PIXELS, INVALID_IMAGE, MAX_IMAGE_BYTES } from './shared';

function context(deck: DeckState | null = demoDeck(), authMode: HostContext['authMode'] = 'FULL'): HostContext {
  return { document: deck, ui: emptyUiLog(), authMode };
}

function setup(deck = demoDeck()) {
  const ctx = context(deck);
  const app = createSlidesApp(ctx);
  return { deck, ctx, app, presentation: app.getActivePresentation() };
}

function slide(presentation: GoogleAppsScript.Slides.Presentation, id: string): GoogleAppsScript.Slides.Slide {
  const found = presentation.getSlideById(id);
  if (!found) throw new Error(`no slide ${id}`);
  return found;
}

function stored(deck: DeckState, slideIndex: number, objectId: string): ImageElement {
  const element = deck.slides[slideIndex]?.elements.find((candidate) => candidate.objectId === objectId);
  if (element?.kind !== 'image') throw new Error(`no image ${objectId}`);
  return element;
}

describe('host detection and authorization', () => {
  it('gives the Ui in Slides in every auth mode and refuses it elsewhere', () => {
    for (const mode of ['NONE', 'LIMITED', 'FULL'] as const) {
      expect(() => createSlidesApp(context(demoDeck(), mode)).getUi()).not.toThrow();
    }
    const inDocs = { document: demoDoc(), ui: emptyUiLog(), authMode: 'NONE' } satisfies HostContext;
    expect(() => createSlidesApp(inDocs).getUi()).toThrow('Cannot call SlidesApp.getUi() from this context.');
    expect(() => createDocumentApp(context()).getUi()).toThrow('Cannot call DocumentApp.getUi() from this context.');
    expect(() => createSlidesApp(context(null)).getUi()).toThrow(/Cannot call SlidesApp\.getUi/);
  });

  it('throws an Apps Script Exception from getActivePresentation in AuthMode.NONE', () => {
    const app = createSlidesApp(context(demoDeck(), 'NONE'));
    let error: unknown;
    try {
      app.getActivePresentation();
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).name).toBe('Exception');
    expect(String(error)).toMatch(
      /^Exception: You do not have permission to call SlidesApp\.getActivePresentation\. Required permissions: \(https:\/\/www\.googleapis\.com\/auth\/presentations\.currentonly/,
    );
    expect(createSlidesApp(context(demoDeck(), 'LIMITED')).getActivePresentation().getName()).toBe('Peel demo');
  });

  it('has no active presentation in Docs', () => {
    expect(
      createSlidesApp({ document: demoDoc(), ui: emptyUiLog(), authMode: 'FULL' }).getActivePresentation(),
    ).toBeNull();
  });
});

describe('presentation and slides', () => {
  it('reads the deck', () => {
    const { app, presentation } = setup();
    expect(presentation.getPageWidth()).toBe(720);
    expect(presentation.getPageHeight()).toBe(405);
    expect(presentation.getSlides().map((s) => s.getObjectId())).toEqual([
      'slide-1',
      'slide-2',
      'slide-3',
      'slide-story-1',
      'slide-story-2',
      'slide-story-3',
      'slide-story-4',
    ]);
    expect(presentation.getSlideById('nope')).toBeNull();
    const why = slide(presentation, 'slide-2');
    const texts = why.getShapes().map((shape) => shape.getText().asString());
    // Slides ends every paragraph with a newline, the last one too.
    expect(texts[0]).toBe('Why illustrations matter\n');
    expect(why.getNotesPage().getSpeakerNotesShape().getText().asString()).toMatch(/^Open with the picture/);
    const picture = slide(presentation, 'slide-3').getPlaceholder(app.PlaceholderType.PICTURE as never);
    expect(picture?.getPageElementType()).toBe(app.PageElementType.SHAPE);
    expect(picture?.asShape().getPlaceholderType()).toBe(app.PlaceholderType.PICTURE);
    expect(() => picture?.asImage()).toThrow(/not an image/);
  });

  it('edits text through a TextRange', () => {
    const { deck, presentation } = setup();
    const title = slide(presentation, 'slide-1').getShapes()[0];
    title?.getText().setText('Peel, live');
    expect(deck.slides[0]?.elements[0]).toMatchObject({ text: 'Peel, live' });
  });
});

describe('insertImage', () => {
  it('scales the image to fit the box, keeps its aspect ratio and centres it', () => {
    const { deck, presentation } = setup();
    const image = slide(presentation, 'slide-2').insertImage(pngBlob(200, 100), 100, 50, 300, 300);
    expect([image.getLeft(), image.getTop(), image.getWidth(), image.getHeight()]).toEqual([100, 125, 300, 150]);
    expect(image.getObjectId()).toMatch(/^g[0-9a-f]{12}_0_0$/);
    expect(deck.slides[1]?.elements.at(-1)?.objectId).toBe(image.getObjectId());
  });

  it('puts an image without a box at the top-left at its inherent size, 0.75 pt per pixel', () => {
    const { presentation } = setup();
    const image = slide(presentation, 'slide-1').insertImage(pngBlob(200, 100));
    expect([image.getLeft(), image.getTop(), image.getWidth(), image.getHeight()]).toEqual([0, 0, 150, 75]);
    expect([image.getInherentWidth(), image.getInherentHeight()]).toEqual([150, 75]);
  });

  it('accepts any BlobSource and stores the bytes it is given', () => {
    const { presentation } = setup();
    const bytes = png(40, 30);
    const source = { getBlob: () => blob(bytes, 'image/png') } as GoogleAppsScript.Base.BlobSource;
    const image = slide(presentation, 'slide-1').insertImage(source, 0, 0, 400, 300);
    const back = image.getBlob();
    expect(back).toBeInstanceOf(FakeBlob);
    expect(back.getContentType()).toBe('image/png');
    expect((back as unknown as FakeBlob).rawBytes()).toEqual(bytes);
    expect(image.getAs('image/jpeg').getContentType()).toBe('image/jpeg');
  });

  it('enforces the image limits: PNG/JPEG/GIF, under 50 MB, at most 25 megapixels', () => {
    const { presentation } = setup();
    const page = slide(presentation, 'slide-1');
    expect(page.insertImage(blob(GIF_1X1)).getBlob().getContentType()).toBe('image/gif');
    expect(() => page.insertImage(blob(WEBP, 'image/webp'))).toThrow(INVALID_IMAGE);
    expect(() => page.insertImage(blob(new Uint8Array([1, 2, 3])))).toThrow(INVALID_IMAGE);
    expect(() => page.insertImage(blob(pngHeader(5001, 5000)))).toThrow(IMAGE_TOO_MANY_PIXELS);
    expect(() => page.insertImage(blob(pngHeader(5000, 5000)))).not.toThrow();
    expect(() => page.insertImage(blob(pngHeader(100, 100, MAX_IMAGE_BYTES)))).toThrow(IMAGE_TOO_MANY_BYTES);
    expect(() => page.insertImage('https://example.com/a.png')).toThrow(/could not be retrieved/);
  });
});

describe('replacing', () => {
  it('fills an empty picture placeholder: scaled and centred in its box, same place in z-order', () => {
    const { deck, app, presentation } = setup();
    const placeholder = slide(presentation, 'slide-3').getPageElementById('s3-picture').asShape();
    const image = placeholder.replaceWithImage(pngBlob(400, 400));
    // The placeholder is 420 × 290 at (36, 92): a square fits as 290 × 290, centred horizontally.
    expect([image.getLeft(), image.getTop(), image.getWidth(), image.getHeight()]).toEqual([101, 92, 290, 290]);
    expect(deck.slides[2]?.elements.map((element) => element.objectId)).toEqual([
      's3-title',
      image.getObjectId(),
      's3-image',
      's3-badge',
    ]);
    const placeholderType = (image as unknown as { getPlaceholderType(): string }).getPlaceholderType();
    expect(placeholderType).toBe(app.PlaceholderType.PICTURE);
    expect(() => placeholder.getText()).toThrow(/deleted/);
  });

  it('crops to fill the placeholder when asked', () => {
    const { deck, presentation } = setup();
    const image = slide(presentation, 'slide-3')
      .getPageElementById('s3-picture')
      .asShape()
      .replaceWithImage(pngBlob(400, 400), true);
    expect([image.getLeft(), image.getTop(), image.getWidth(), image.getHeight()]).toEqual([36, 92, 420, 290]);
    const crop = stored(deck, 2, image.getObjectId()).crop;
    expect(crop?.left).toBe(0);
    expect(crop?.top).toBeCloseTo((1 - 290 / 420) / 2);
  });

  it('Image.replace keeps the element, its box and alt text', () => {
    const { deck, presentation } = setup();
    const image = slide(presentation, 'slide-3').getImages()[0];
    if (!image) throw new Error('no image');
    const replaced = image.replace(pngBlob(300, 100));
    expect(replaced.getObjectId()).toBe('s3-image');
    // The old box is 204 × 153 at (480, 92): a 3:1 image fits as 204 × 68, centred vertically.
    expect([replaced.getLeft(), replaced.getWidth(), replaced.getHeight()]).toEqual([480, 204, 68]);
    expect(replaced.getTop()).toBeCloseTo(92 + (153 - 68) / 2);
    expect(replaced.getTitle()).toBe('Sunrise over the test plots');
    expect(stored(deck, 2, 's3-image').image.pixelWidth).toBe(300);
    const cropped = replaced.setWidth(200).setHeight(100).replace(pngBlob(100, 100), true);
    expect([cropped.getWidth(), cropped.getHeight()]).toEqual([200, 100]);
    expect(stored(deck, 2, 's3-image').crop).toEqual({ left: 0, right: 0, top: 0.25, bottom: 0.25 });
  });

  it('sets alt text and orders backgrounds behind everything', () => {
    const { deck, presentation } = setup();
    const page = slide(presentation, 'slide-2');
    const background = page
      .insertImage(pngBlob(160, 90), 0, 0, 720, 405)
      .setTitle('Background')
      .setDescription('Hills');
    background.sendToBack();
    expect(deck.slides[1]?.elements[0]).toMatchObject({ title: 'Background', description: 'Hills' });
    expect(page.getPageElements()[0]?.getObjectId()).toBe(background.getObjectId());
    background.bringToFront();
    expect(deck.slides[1]?.elements.at(-1)?.objectId).toBe(background.getObjectId());
    background.remove();
    expect(page.getPageElementById(background.getObjectId())).toBeNull();
  });
});

describe('selection', () => {
  it('reports the current page with nothing selected', () => {
    const { app, presentation } = setup();
    const selection = presentation.getSelection();
    expect(selection.getSelectionType()).toBe(app.SelectionType.CURRENT_PAGE);
    expect(selection.getCurrentPage()?.getObjectId()).toBe('slide-1');
    expect(selection.getPageElementRange()).toBeNull();
    expect(selection.getTextRange()).toBeNull();
  });

  it('reports selected elements, text, filmstrip pages and no selection', () => {
    const { deck, app, presentation } = setup();
    const selection = presentation.getSelection();

    deck.selection = { pageId: 'slide-3', elementIds: ['s3-image'], text: null };
    expect(selection.getSelectionType()).toBe(app.SelectionType.PAGE_ELEMENT);
    const [element] = selection.getPageElementRange()?.getPageElements() ?? [];
    expect(element?.getPageElementType()).toBe(app.PageElementType.IMAGE);
    expect(element?.asImage().getTitle()).toBe('Sunrise over the test plots');

    deck.selection = { pageId: 'slide-2', elementIds: [], text: { elementId: 's2-body', start: 0, end: 6 } };
    expect(selection.getSelectionType()).toBe(app.SelectionType.TEXT);
    expect(selection.getTextRange()?.asString()).toBe('People');
    expect(selection.getPageElementRange()?.getPageElements()[0]?.getObjectId()).toBe('s2-body');

    deck.selection = { pageId: 'slide-2', elementIds: [], text: null, pageIds: ['slide-2'] };
    expect(selection.getSelectionType()).toBe(app.SelectionType.PAGE);
    expect(selection.getPageRange()?.getPages()[0]?.asSlide().getObjectId()).toBe('slide-2');

    deck.selection = { pageId: null, elementIds: [], text: null };
    expect(selection.getSelectionType()).toBe(app.SelectionType.NONE);
    expect(selection.getCurrentPage()).toBeNull();
  });

  it('follows select() and selectAsCurrentPage(), and drops removed elements', () => {
    const { deck, app, presentation } = setup();
    const page = slide(presentation, 'slide-3');
    page.getPageElementById('s3-image').select();
    expect(deck.selection).toMatchObject({ pageId: 'slide-3', elementIds: ['s3-image'] });
    page.getPageElementById('s3-title').select(false);
    expect(deck.selection.elementIds).toEqual(['s3-image', 's3-title']);
    page.getPageElementById('s3-picture').asShape().replaceWithImage(pngBlob(10, 10));
    page.getPageElementById('s3-title').remove();
    expect(deck.selection.elementIds).toEqual(['s3-image']);
    page.selectAsCurrentPage();
    expect(presentation.getSelection().getSelectionType()).toBe(app.SelectionType.CURRENT_PAGE);
  });
});

describe('Ui', () => {
  it('records menus, sidebars, dialogs and alerts', () => {
    const { ctx, app } = setup();
    const ui = app.getUi();
    ui.createAddonMenu().addItem('Open Peel', 'showSidebar').addSeparator().addToUi();
    ui.createAddonMenu().addItem('Open Peel', 'showSidebar').addToUi();
    const html = {
      getTitle: () => 'Peel',
      getContent: () => '<p>hi</p>',
      getWidth: () => 600,
      getHeight: () => 400,
    } as GoogleAppsScript.HTML.HtmlOutput;
    ui.showSidebar(html);
    ui.showModalDialog(html, 'Preview');
    expect(ui.alert('Done')).toBe(ui.Button.OK);
    ui.alert('Peel', 'Replace it?', ui.ButtonSet.YES_NO);
    expect(ctx.ui).toEqual({
      menus: [{ caption: 'Peel', items: [{ caption: 'Open Peel', functionName: 'showSidebar' }] }],
      sidebars: [{ title: 'Peel', html: '<p>hi</p>' }],
      dialogs: [{ title: 'Preview', html: '<p>hi</p>', width: 600, height: 400, modal: true }],
      alerts: ['Done', 'Peel: Replace it?'],
    });
  });
});

describe('colour scheme', () => {
  it("gives every theme colour as a concrete RGB colour, from the deck's theme", () => {
    const { app, presentation } = setup();
    const image = slide(presentation, 'slide-3').getImages()[0];
    if (!image) throw new Error('no image');
    // edit.ts reaches the scheme this way: the selected image's page, then each type the scheme maps.
    const scheme = image.getParentPage().getColorScheme();
    const types = scheme.getThemeColors().map(String);
    expect(types).toEqual(Object.keys(app.ThemeColorType).filter((name) => name !== 'UNSUPPORTED'));
    const accent = scheme.getConcreteColor(app.ThemeColorType.ACCENT1 as never);
    expect(accent.getColorType()).toBe(app.ColorType.RGB);
    const rgb = accent.asRgbColor();
    expect(rgb.asHexString()).toBe('#e4572e');
    expect([rgb.getRed(), rgb.getGreen(), rgb.getBlue()]).toEqual([0xe4, 0x57, 0x2e]);
    expect(() => scheme.getConcreteColor(app.ThemeColorType.UNSUPPORTED as never)).toThrow(/Invalid argument/);
  });

  it('uses Slides’ default theme for a deck saved without one', () => {
    const deck = demoDeck();
    delete deck.theme;
    const { app, presentation } = setup(deck);
    const scheme = slide(presentation, 'slide-1').getColorScheme();
    expect(
      scheme
        .getConcreteColor(app.ThemeColorType.ACCENT1 as never)
        .asRgbColor()
        .asHexString(),
    ).toBe('#4285f4');
  });
});
