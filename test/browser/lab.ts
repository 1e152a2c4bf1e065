/**
 * What every workbench browser test starts from: a workbench on a copy of dist/ (a rebuild of dist/ by another run
 * mid-file must not change the add-on under test), always on the emulator whatever the developer's shell says
 * (these tests must never reach Google), Debian's Chromium, and the workbench's HTTP API.
 */
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, FrameLocator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { sectionBlocks } from '../../dev/runtime/docs/flow';
import type { DeckState, DocumentState, ImageElement } from '../../dev/runtime/model';
import { launchChromium } from '../../dev/support/chromium';
import type { HostKind, WorkbenchState } from '../../dev/workbench/protocol';
import { startWorkbench, type Workbench } from '../../dev/workbench/server';

const root = path.resolve(import.meta.dirname, '../..');

export interface Lab {
  readonly workbench: Workbench;
  readonly browser: Browser;
  state(): Promise<WorkbenchState>;
  post(route: string, body?: unknown): Promise<void>;
  /** The demo documents and emulator as they start (Reset demo), the editor for `host`. */
  reset(host: HostKind): Promise<void>;
  /** A new 1440 × 900 page on the workbench (the page of the previous call closed), not yet loaded. */
  newPage(timeoutMs: number): Promise<Page>;
  /**
   * Set-up, not behaviour under test: `reset(host)`, then a new page loaded, which runs onOpen as opening the
   * file does; ready once the Extensions menu is built.
   */
  openEditor(host: HostKind, timeoutMs: number): Promise<Page>;
  close(): Promise<void>;
}

export async function openLab(name: string, executablePath: string, latencyMs: number): Promise<Lab> {
  const dir = await mkdtemp(path.join(tmpdir(), `peel-${name}-`));
  const distDir = path.join(dir, 'dist');
  await cp(path.join(root, 'dist'), distDir, { recursive: true });
  const workbench = await startWorkbench({
    port: 0,
    stateFile: path.join(dir, 'state.json'),
    latencyMs,
    distDir,
    reset: true,
    env: {},
  });
  const browser = await launchChromium(executablePath);
  let page: Page | undefined;

  async function post(route: string, body: unknown = {}): Promise<void> {
    const response = await fetch(`${workbench.url}${route}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${route}: HTTP ${response.status}`);
  }

  const lab: Lab = {
    workbench,
    browser,
    state: async () => (await fetch(`${workbench.url}/api/state`)).json() as Promise<WorkbenchState>,
    post,
    async reset(host) {
      await post('/api/reset');
      await post('/api/host', { host });
    },
    async newPage(timeoutMs) {
      await page?.close();
      page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      page.setDefaultTimeout(timeoutMs);
      page.on('pageerror', (error) => console.error('page error:', error.message));
      return page;
    },
    async openEditor(host, timeoutMs) {
      await lab.reset(host);
      const opened = await lab.newPage(timeoutMs);
      await opened.goto(workbench.url);
      for (const end = Date.now() + timeoutMs; (await lab.state()).menus.length === 0; ) {
        if (Date.now() > end) throw new Error(`The ${host}'s menus were not built within ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return opened;
    },
    async close() {
      await page?.close();
      await browser.close();
      await workbench.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
  return lab;
}

/** Extensions → Peel → Open Peel, as a person opens it; ready once Generate can be pressed. */
export async function readySidebar(page: Page, timeoutMs: number): Promise<FrameLocator> {
  await page.getByRole('button', { name: 'Extensions' }).click();
  await page.getByRole('menuitem', { name: 'Open Peel' }).click();
  const sidebar = page.getByRole('complementary', { name: 'Peel sidebar' }).locator('iframe').contentFrame();
  await expect
    .poll(() => sidebar.getByRole('button', { name: 'Generate', exact: true }).isEnabled(), {
      timeout: timeoutMs,
      interval: 50,
    })
    .toBe(true);
  return sidebar;
}

/** Clicks a slide in the filmstrip: `id` is the slide's object id, found by its place in the deck now. */
export async function goToSlide(lab: Lab, page: Page, id: string, timeoutMs: number): Promise<void> {
  const deck = async () =>
    (await lab.state()).document as { slides: { objectId: string }[]; selection: { pageId: string | null } };
  const n = (await deck()).slides.findIndex((s) => s.objectId === id) + 1;
  const filmstrip = page.getByRole('navigation', { name: 'Slides' });
  await filmstrip.getByRole('button', { name: `Slide ${n}`, exact: true }).click();
  await expect.poll(async () => (await deck()).selection.pageId, { timeout: timeoutMs, interval: 50 }).toBe(id);
}
/** Extensions → Peel → Open Peel, as a person opens it; the sidebar's frame once its heading shows. */
export async function openSidebar(page: Page): Promise<FrameLocator> {
  await page.getByRole('button', { name: 'Extensions' }).click();
  await page.getByRole('menuitem', { name: 'Open Peel' }).click();
  const sidebar = page.getByRole('complementary', { name: 'Peel sidebar' }).locator('iframe').contentFrame();
  await sidebar.getByRole('heading', { level: 1 }).waitFor();
  return sidebar;
}

/**
 * Where the slide's free space is under a quarter of it, plain Insert makes a new slide; a person who wants the
 * picture on this slide chooses the smaller space beside what it holds, the first of the choices offered. Does
 * nothing on a slide with room enough (its "Goes to" line offers no choice).
 */
export async function chooseSmallSpace(sidebar: FrameLocator, timeoutMs: number): Promise<void> {
  const line = sidebar.locator('p', { hasText: /^Goes to:/ });
  await line.waitFor({ timeout: timeoutMs });
  await expect
    .poll(async () => ((await line.textContent()) ?? '').includes('Reading'), { timeout: timeoutMs })
    .toBe(false);
  if (!((await line.textContent()) ?? '').includes('(the free space here is small)')) return;
  await sidebar
    .getByRole('group', { name: 'Where should the picture go?' })
    .getByRole('radio')
    .first()
    .check({ timeout: timeoutMs });
  await expect
    .poll(async () => (await line.textContent()) ?? '', { timeout: timeoutMs })
    .not.toContain('(the free space here is small)');
}

/** The one picture the emulator made that is on the deck now (a test that makes exactly one). */
export async function emulatorPicture(lab: Lab): Promise<ImageElement> {
  const now = await lab.state();
  const ids = new Set(now.emulatorImageIds);
  const found = (now.document as DeckState).slides
    .flatMap((s) => s.elements)
    .filter((e): e is ImageElement => e.kind === 'image' && ids.has(e.objectId));
  expect(found).toHaveLength(1);
  return found[0] as ImageElement;
}

/** The bytes (base64) of the one picture the emulator made that is in the open deck or document now. */
export async function emulatorImageBytes(lab: Lab): Promise<string> {
  const now = await lab.state();
  const ids = new Set(now.emulatorImageIds);
  const found =
    now.host === 'deck'
      ? (now.document as DeckState).slides
          .flatMap((s) => s.elements)
          .flatMap((e) => (e.kind === 'image' && ids.has(e.objectId) ? [e.image.base64] : []))
      : sectionBlocks(now.document as DocumentState, 'body')
          .flatMap((b) => b.children)
          .flatMap((c) => (c.kind === 'image' && ids.has(c.id) ? [c.image.base64] : []));
  expect(found).toHaveLength(1);
  return found[0] as string;
}
