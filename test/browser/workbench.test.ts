/**
 * The workbench in a real browser, used as a person would: controls are found by role and accessible name.
 * The add-on is the real dist/ bundle (built once by the global setup) plus a test-only function appended to
 * a copy of Code.js, which reports what Apps Script's selection APIs return: that is how these tests check
 * that what a person selects on the page is what the server reads.
 */
import { appendFile, cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sectionBlocks } from '../../dev/runtime/docs/flow';
import type { DeckState, DocumentState } from '../../dev/runtime/model';
import { chromiumOrSkip, launchChromium } from '../../dev/support/chromium';
import { encodePng } from '../../dev/support/image';
import type { WorkbenchState } from '../../dev/workbench/protocol';
import { startWorkbench, type Workbench } from '../../dev/workbench/server';

const root = path.resolve(import.meta.dirname, '../..');

/** Classic-script functions, as Apps Script sees them: top-level and synchronous. */
const FIXTURE = `
function workbenchTestSelection() {
  var slides = true;
  try { SlidesApp.getUi(); } catch (e) { slides = false; }
  if (slides) {
    var s = SlidesApp.getActivePresentation().getSelection();
    var page = s.getCurrentPage();
    var range = s.getPageElementRange();
    var text = s.getTextRange();
    return {
      host: 'slides',
      type: String(s.getSelectionType()),
      pageId: page ? page.getObjectId() : null,
      elementIds: range ? range.getPageElements().map(function (e) { return e.getObjectId(); }) : [],
      text: text ? text.asString() : null
    };
  }
  var doc = DocumentApp.getActiveDocument();
  var cursor = doc.getCursor();
  var selection = doc.getSelection();
  return {
    host: 'docs',
    cursor: cursor ? { text: cursor.getSurroundingText().getText(), offset: cursor.getSurroundingTextOffset() } : null,
    selected: selection ? selection.getRangeElements().map(function (r) {
      var el = r.getElement();
      if (el.getType() == DocumentApp.ElementType.INLINE_IMAGE) return { type: 'INLINE_IMAGE', text: null };
      var t = el.asText().getText();
      return { type: String(el.getType()), text: r.isPartial() ? t.slice(r.getStartOffset(), r.getEndOffsetInclusive() + 1) : t };
    }) : []
  };
}
function workbenchTestInsertImage(base64) {
  var page = SlidesApp.getActivePresentation().getSelection().getCurrentPage().asSlide();
  var image = page.insertImage(Utilities.newBlob(Utilities.base64Decode(base64), 'image/png', 'dot.png'), 20, 20, 60, 60);
  image.setTitle('Inserted by the test');
  return image.getObjectId();
}
function workbenchTestFail() { throw new Error('Deliberate failure'); }
function workbenchTestEcho(value) { return value; }
`;

const { executablePath, skip } = chromiumOrSkip('Workbench browser tests');

type Handler = (value: unknown) => void;
interface ScriptRun {
  withSuccessHandler(handler: Handler): ScriptRun;
  withFailureHandler(handler: (error: Error) => void): ScriptRun;
  [name: string]: unknown;
}

/** Calls a server function from inside the sidebar, through the injected google.script.run. */
async function run(frame: Frame, name: string, ...args: unknown[]): Promise<unknown> {
  return frame.evaluate(
    ([fn, params]) =>
      new Promise((resolve, reject) => {
        const google = (window as unknown as { google: { script: { run: ScriptRun } } }).google;
        const runner = google.script.run
          .withSuccessHandler(resolve)
          .withFailureHandler((error) => reject(new Error(`${error.name}: ${error.message}`)));
        const target = runner[fn];
        if (typeof target !== 'function') reject(new Error(`google.script.run has no ${fn}`));
        else (target as (...a: unknown[]) => void).apply(runner, params as unknown[]);
      }),
    [name, args] as const,
  );
}

describe.skipIf(skip)('the workbench in Chromium', () => {
  let dir: string;
  let workbench: Workbench;
  let browser: Browser;
  let page: Page;

  async function state(): Promise<WorkbenchState> {
    return (await fetch(`${workbench.url}/api/state`)).json() as Promise<WorkbenchState>;
  }

  /** The frame of the sidebar on screen, once its google.script shim is in place. */
  async function frameOf(src: string): Promise<Frame> {
    const handle = await page.locator(`iframe[src="${src}"]`).elementHandle();
    const frame = await handle?.contentFrame();
    if (!frame) throw new Error(`No frame for ${src}`);
    await frame.waitForFunction(() => 'google' in window);
    return frame;
  }

  /** Extensions › Open Peel, as a person does; waits for the new sidebar's frame. */
  async function openSidebar(): Promise<Frame> {
    const before = (await state()).sidebar?.src;
    await page.getByRole('button', { name: 'Extensions' }).click();
    await page.getByRole('menuitem', { name: 'Open Peel' }).click();
    await page.getByRole('complementary', { name: 'Peel sidebar' }).waitFor();
    await expect.poll(async () => (await state()).sidebar?.src).not.toBe(before);
    return frameOf((await state()).sidebar?.src ?? '');
  }

  /** The sidebar on screen, opened from the menu if there is none. */
  async function sidebar(): Promise<Frame> {
    const src = (await state()).sidebar?.src;
    return src ? frameOf(src) : openSidebar();
  }

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'peel-workbench-'));
    const distDir = path.join(dir, 'dist');
    await cp(path.join(root, 'dist'), distDir, { recursive: true });
    await appendFile(path.join(distDir, 'Code.js'), FIXTURE);
    workbench = await startWorkbench({
      port: 0,
      stateFile: path.join(dir, 'state.json'),
      latencyMs: 0,
      distDir,
      reset: true,
      // The emulator whatever the developer's shell says: these tests must never reach Google.
      env: {},
    });
    browser = await launchChromium(executablePath ?? '');
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.on('pageerror', (error) => console.error('page error:', error.message));
    await page.goto(workbench.url);
  });

  afterAll(async () => {
    await browser?.close();
    await workbench?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('loads the deck with the backend banner and the add-on menu from onOpen', async () => {
    await page.getByRole('complementary', { name: 'Gemini backend' }).getByText('Emulator', { exact: true }).waitFor();
    await expect.poll(async () => (await state()).menus.length).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Extensions' }).click();
    await page.getByRole('menuitem', { name: 'Open Peel' }).waitFor();
    await page.keyboard.press('Escape');
    const onOpen = (await state()).executions.find((e) => e.functionName === 'onOpen');
    expect(onOpen).toMatchObject({ trigger: 'onOpen', status: 'ok' });
  });

  it('opens the sidebar from the menu, and a server call round-trips', async () => {
    const frame = await openSidebar();
    // The sidebar's own first call, made through the shim as it starts.
    await expect
      .poll(async () => (await state()).executions.map((e) => `${e.functionName}:${e.trigger}:${e.status}`))
      .toContain('getSidebarContext:script.run:ok');
    expect((await state()).executions.map((e) => `${e.functionName}:${e.trigger}`)).toContain('showSidebar:menu');
    // And one made here, answered by the runtime over the emulated deck.
    expect(await run(frame, 'getSidebarContext')).toMatchObject({ ok: true, value: { host: 'slides' } });
    // The executions panel lists them for a person too.
    await page.getByRole('region', { name: 'Executions' }).getByText('getSidebarContext').first().waitFor();
  });

  it('sandboxes the sidebar as Apps Script does: scripts run, but it shares no origin with the page', async () => {
    const frame = await sidebar();
    const inside = await frame.evaluate(async () => {
      let storage = 'readable';
      try {
        window.localStorage.length;
      } catch {
        storage = 'refused';
      }
      let parent = 'readable';
      try {
        void window.parent.document.title;
      } catch {
        parent = 'refused';
      }
      const direct = await fetch('/rpc', { method: 'POST', body: '{"name":"getTarget","args":[]}' }).then(
        () => 'answered',
        () => 'refused',
      );
      return { origin: window.origin, storage, parent, direct };
    });
    // An opaque origin: no storage, no reach into the page, and /rpc refuses it: only the page's relay answers.
    expect(inside).toEqual({ origin: 'null', storage: 'refused', parent: 'refused', direct: 'refused' });
    expect(await page.locator('iframe').first().getAttribute('sandbox')).not.toMatch(/allow-same-origin/);
  });

  it('keeps google.script.run semantics in the shim', async () => {
    const frame = await sidebar();
    expect(await run(frame, 'workbenchTestEcho', { a: [1, undefined, 'x'] })).toEqual({ a: [1, null, 'x'] });
    await expect(run(frame, 'workbenchTestFail')).rejects.toThrow(/Deliberate failure/);
    const shape = await frame.evaluate(() => {
      const r = (window as unknown as { google: { script: { run: Record<string, unknown> } } }).google.script.run;
      let threw = '';
      try {
        (r.workbenchTestEcho as (v: unknown) => void)(new Date());
      } catch (e) {
        threw = (e as Error).message;
      }
      return { missing: typeof r.noSuchFunction, privateName: typeof r.helper_, threw };
    });
    expect(shape).toEqual({
      missing: 'undefined',
      privateName: 'undefined',
      threw: expect.stringMatching(/illegal value/),
    });
  });

  it('a shape clicked in the deck is what the server reads, and shift-click adds', async () => {
    const frame = await sidebar();
    const deck = (await state()).document as DeckState;
    // The demo's slide with a title, a picture placeholder and an image.
    const slide = deck.slides.find((s) => s.elements.some((e) => e.kind === 'image'));
    const title = slide?.elements.find((e) => e.kind === 'shape' && e.placeholder === 'TITLE');
    const image = slide?.elements.find((e) => e.kind === 'image');
    if (!slide || !title || !image) throw new Error('The demo deck changed: a slide needs a title and an image');

    await page
      .getByRole('navigation', { name: 'Slides' })
      .getByRole('button', { name: `Slide ${deck.slides.indexOf(slide) + 1}` })
      .click();
    await page.getByRole('button', { name: /^Title placeholder/ }).click();
    await page
      .getByRole('button', { name: /^Image/ })
      .first()
      .click({ modifiers: ['Shift'] });
    await expect
      .poll(async () => ((await state()).document as DeckState).selection.elementIds)
      .toEqual([title.objectId, image.objectId]);
    expect(await run(frame, 'workbenchTestSelection')).toEqual({
      host: 'slides',
      type: 'PAGE_ELEMENT',
      pageId: slide.objectId,
      elementIds: [title.objectId, image.objectId],
      text: null,
    });
    await page.screenshot({ path: path.join(tmpdir(), 'workbench.png') });
  });

  it('text selected inside a shape is a TEXT selection on the server', async () => {
    const frame = await sidebar();
    const deck = (await state()).document as DeckState;
    const index = deck.slides.findIndex((s) => s.elements.some((e) => e.kind === 'shape' && e.placeholder === 'BODY'));
    const body = deck.slides[index]?.elements.find((e) => e.kind === 'shape' && e.placeholder === 'BODY');
    const word = body?.kind === 'shape' ? body.text.split(/\s+/)[0] : undefined;
    if (!word) throw new Error('The demo deck changed: it needs a body placeholder with text');

    await page.getByRole('button', { name: `Slide ${index + 1}` }).click();
    // A double-click on the first word selects it, as in Slides.
    const text = page.getByRole('button', { name: /^Body placeholder/ }).getByText(word, { exact: false });
    await text.dblclick({ position: { x: 8, y: 8 } });
    await expect
      .poll(async () => ((await state()).document as DeckState).selection.text)
      .toMatchObject({
        elementId: body?.objectId,
        start: 0,
        end: word.length,
      });
    expect(await run(frame, 'workbenchTestSelection')).toMatchObject({ type: 'TEXT', text: word });
  });

  it('an image an execution inserts appears at once, marked as from the emulator', async () => {
    const frame = await sidebar();
    const png = Buffer.from(encodePng({ width: 2, height: 2, data: new Uint8Array(16).fill(200) })).toString('base64');
    const id = await run(frame, 'workbenchTestInsertImage', png);
    expect(typeof id).toBe('string');
    await page.getByRole('button', { name: 'Image from the emulator: Inserted by the test' }).waitFor();
    expect((await state()).emulatorImageIds).toContain(id);
  });

  it('in the Doc, the cursor a click places is the one the server sees', async () => {
    await page.getByRole('group', { name: 'Emulated editor' }).getByRole('button', { name: 'Docs' }).click();
    await expect.poll(async () => (await state()).host).toBe('doc');
    const frame = await openSidebar();
    expect(await run(frame, 'getSidebarContext')).toMatchObject({ ok: true, value: { host: 'docs' } });

    const doc = (await state()).document as DocumentState;
    const paragraph = sectionBlocks(doc, 'body').find(
      (b) => b.heading === 'NORMAL' && b.children.length > 0 && b.children.every((c) => c.kind === 'text'),
    );
    const text = paragraph?.children.map((c) => (c.kind === 'text' ? c.text : '')).join('') ?? '';
    expect(text.length).toBeGreaterThan(10);
    const box = await page.getByText(text).boundingBox();
    if (!box) throw new Error('paragraph not on screen');
    // A third of the way along the first line: an offset inside the text, neither end.
    await page.mouse.click(box.x + Math.min(box.width, 300) / 3, box.y + 6);

    await expect
      .poll(async () => ((await state()).document as DocumentState).selection.cursor?.blockId)
      .toBe(paragraph?.id);
    const cursor = ((await state()).document as DocumentState).selection.cursor;
    expect(cursor?.offset).toBeGreaterThan(0);
    expect(cursor?.offset).toBeLessThan(text.length);
    expect(await run(frame, 'workbenchTestSelection')).toEqual({
      host: 'docs',
      cursor: { text, offset: cursor?.offset },
      selected: [],
    });
    await page.screenshot({ path: path.join(tmpdir(), 'workbench-doc.png') });
  });

  it('a word double-clicked in the Doc is the range the server reads', async () => {
    const frame = await sidebar();
    const doc = (await state()).document as DocumentState;
    const paragraph = sectionBlocks(doc, 'body').find((b) => b.heading === 'NORMAL' && b.children[0]?.kind === 'text');
    const text = paragraph?.children[0]?.kind === 'text' ? paragraph.children[0].text : '';
    const word = text.split(/\s+/)[0] ?? '';
    await page.getByText(text).dblclick({ position: { x: 4, y: 6 } });
    await expect
      .poll(async () => ((await state()).document as DocumentState).selection.range)
      .toEqual({
        start: { section: 'body', blockId: paragraph?.id, offset: 0 },
        end: { section: 'body', blockId: paragraph?.id, offset: word.length },
      });
    expect(await run(frame, 'workbenchTestSelection')).toEqual({
      host: 'docs',
      cursor: null,
      selected: [{ type: 'TEXT', text: word }],
    });
  });

  it('a click on an inline image selects that image on the server', async () => {
    const frame = await sidebar();
    const doc = (await state()).document as DocumentState;
    const inline = sectionBlocks(doc, 'body')
      .flatMap((b) => b.children)
      .find((c) => c.kind === 'image');
    if (inline?.kind !== 'image') throw new Error('The demo doc changed: it needs an inline image');
    await page.getByRole('img', { name: inline.altTitle || 'Inline image' }).click();
    await expect.poll(async () => ((await state()).document as DocumentState).selection.imageId).toBe(inline.id);
    expect(await run(frame, 'workbenchTestSelection')).toEqual({
      host: 'docs',
      cursor: null,
      selected: [{ type: 'INLINE_IMAGE', text: null }],
    });
  });
});
