/**
 * The listing's five 1280 × 800 screenshots, each a real flow: Peel built from this checkout, run by the local
 * Apps Script runtime in the workbench against the Gemini emulator (never Google: nothing is billed), and driven in
 * Chromium through its controls as a person would, the way the browser tests drive it (test/browser/lab.ts).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { build } from '../../build/build';
import { sectionBlocks } from '../runtime/docs/flow';
import type { DocumentState } from '../runtime/model';
import { launchChromium } from '../support/chromium';
import type { HostKind, WorkbenchState } from '../workbench/protocol';
import { startWorkbench, type Workbench } from '../workbench/server';

export const SCREENSHOT_WIDTH = 1280;
export const SCREENSHOT_HEIGHT = 800;
/** Short enough for a quick run, long enough to look like a request that went out and came back. */
const LATENCY_MS = 300;
const TIMEOUT_MS = 30_000;

interface Shot {
  readonly name: string;
  readonly what: string;
  take(page: Page, editor: Editor): Promise<unknown>;
}

interface Editor {
  open(host: HostKind): Promise<FrameLocator>;
  state(): Promise<WorkbenchState>;
}

async function until(what: string, check: () => Promise<boolean>): Promise<void> {
  for (const end = Date.now() + TIMEOUT_MS; !(await check()); ) {
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function generate(sidebar: FrameLocator, prompt: string): Promise<void> {
  await sidebar.getByRole('textbox', { name: 'Prompt' }).fill(prompt);
  await sidebar.getByRole('button', { name: 'Generate', exact: true }).click();
  await sidebar.getByRole('radiogroup', { name: 'Results' }).getByRole('img').first().waitFor();
  await sidebar.getByRole('status').filter({ hasText: /ready/ }).waitFor();
}

async function insert(sidebar: FrameLocator): Promise<void> {
  await sidebar.getByRole('button', { name: 'Insert', exact: true }).click();
  await sidebar.getByText(/^Inserted:/).waitFor();
}

/** Slide 4 of the demo deck ("Twelve sites, one season") has room beside its words. */
const FIELD_TEAM = 'A field team walking between test plots at sunrise, in soft watercolour.';

/** Opens Peel on slide 4 and generates its picture; inserts it too when `placed`. */
async function onSlide4(page: Page, editor: Editor, placed: boolean): Promise<FrameLocator> {
  const sidebar = await editor.open('deck');
  await page.getByRole('navigation', { name: 'Slides' }).getByRole('button', { name: 'Slide 4' }).click();
  await generate(sidebar, FIELD_TEAM);
  if (placed) await insert(sidebar);
  return sidebar;
}

const SHOTS: readonly Shot[] = [
  {
    name: '1-generate.png',
    what: 'a prompt and its picture, with the cost',
    take: (page, editor) => onSlide4(page, editor, false),
  },
  {
    name: '2-insert.png',
    what: 'the picture placed in the slide’s free space, with alt text',
    take: (page, editor) => onSlide4(page, editor, true),
  },
  {
    name: '3-edit.png',
    what: 'an edit of the placed picture, before and after',
    async take(page, editor) {
      const sidebar = await onSlide4(page, editor, true);
      await page.getByRole('button', { name: /^Image from the emulator/ }).click();
      await sidebar.getByRole('heading', { level: 1 }).click();
      await sidebar.getByRole('heading', { name: 'Edit this image' }).waitFor();
      await sidebar.getByRole('textbox', { name: 'What should change' }).fill('Make it an autumn evening');
      await sidebar.getByRole('button', { name: 'Edit', exact: true }).click();
      const compared = sidebar.getByRole('heading', { name: 'Before and after' });
      await sidebar.getByRole('button', { name: 'Apply' }).waitFor();
      // The comparison sits below the conversation: bring it to the top of the sidebar for the picture.
      await compared.evaluate((heading) => heading.scrollIntoView({ block: 'start' }));
    },
  },
  {
    name: '4-deck.png',
    what: 'illustrating the whole deck: the plan, its estimate and the first proposals',
    async take(_page, editor) {
      const sidebar = await editor.open('deck');
      await sidebar.getByRole('button', { name: 'Illustrate the deck' }).click();
      await sidebar.getByRole('heading', { name: 'Illustrate the deck' }).waitFor();
      await sidebar.getByRole('button', { name: /^Start: \d+ images?$/ }).click();
      await sidebar.getByText('Ready for review').first().waitFor();
    },
  },
  {
    name: '5-docs.png',
    what: 'a picture at the cursor in a Google Doc',
    async take(page, editor) {
      const sidebar = await editor.open('doc');
      const doc = (await editor.state()).document as DocumentState;
      const paragraph = sectionBlocks(doc, 'body').find((block) => block.id === 'b-intro');
      const text = paragraph?.children.map((child) => (child.kind === 'text' ? child.text : '')).join('') ?? '';
      if (!text) throw new Error('The demo doc has no b-intro paragraph to put the cursor in');
      const where = await page.getByText(text).boundingBox();
      if (!where) throw new Error('The demo doc’s paragraph is not on screen');
      await page.mouse.click(where.x + 120, where.y + 6);
      await until('the cursor', async () => {
        const now = (await editor.state()).document as DocumentState;
        return now.selection.cursor?.blockId === 'b-intro';
      });
      await generate(sidebar, 'Field researchers kneeling among rows of young plants, notebooks in hand.');
      await insert(sidebar);
    },
  },
];

function editorOn(workbench: Workbench, page: Page): Editor {
  const post = async (route: string, body: unknown = {}) => {
    const response = await fetch(`${workbench.url}${route}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${route}: HTTP ${response.status}`);
  };
  const state = async () => (await fetch(`${workbench.url}/api/state`)).json() as Promise<WorkbenchState>;
  return {
    state,
    // The demo documents as they start, the editor for `host`, the page loaded (onOpen runs), Peel opened.
    async open(host) {
      await post('/api/reset');
      await post('/api/host', { host });
      await page.goto(workbench.url);
      await asTheEditorShows(page);
      await until('the add-on menu', async () => (await state()).menus.length > 0);
      await page.getByRole('button', { name: 'Extensions' }).click();
      await page.getByRole('menuitem', { name: 'Open Peel' }).click();
      const sidebar = page.getByRole('complementary', { name: 'Peel sidebar' }).locator('iframe').contentFrame();
      await until('Generate', () => sidebar.getByRole('button', { name: 'Generate', exact: true }).isEnabled());
      return sidebar;
    },
  };
}

/**
 * The workbench's own tools (the executions panel, the backend banner, Act as, Browser default, Reset demo) are
 * not part of Peel: the listing shows the editor and the sidebar only.
 */
async function asTheEditorShows(page: Page): Promise<void> {
  await page.addStyleTag({ content: '.banner, .user-switch, .reset, .executions { display: none !important; }' });
}

/** Takes every screenshot into `out`; answers the paths written. */
export async function takeScreenshots(out: string, chromium: string, say: (line: string) => void): Promise<string[]> {
  const dir = await mkdtemp(path.join(tmpdir(), 'peel-listing-'));
  const distDir = path.join(dir, 'dist');
  await build({ outdir: distDir, vertex: false });
  // `env: {}`: the emulator whatever the shell says, so making the listing never reaches Google or bills a key.
  const workbench = await startWorkbench({
    port: 0,
    stateFile: path.join(dir, 'state.json'),
    latencyMs: LATENCY_MS,
    distDir,
    reset: true,
    env: {},
  });
  const browser = await launchChromium(chromium);
  const written: string[] = [];
  try {
    for (const shot of SHOTS) {
      const page = await browser.newPage({ viewport: { width: SCREENSHOT_WIDTH, height: SCREENSHOT_HEIGHT } });
      page.setDefaultTimeout(TIMEOUT_MS);
      try {
        await shot.take(page, editorOn(workbench, page));
        const file = path.join(out, shot.name);
        await page.screenshot({ path: file });
        written.push(file);
        say(`${shot.name} (${SCREENSHOT_WIDTH} × ${SCREENSHOT_HEIGHT}): ${shot.what}`);
      } finally {
        await page.close();
      }
    }
  } finally {
    await browser.close();
    await workbench.close();
    await rm(dir, { recursive: true, force: true });
  }
  return written;
}
