/**
 * One unbroken 5,000-character name, prompt, brief or instruction wraps in every view: the sidebar stays at the
 * editor's 300 px, nothing scrolls sideways, and every control (Unpin above all) stays on screen. The built
 * sidebar in headless Chromium against the fake google.script.run (fake-google.ts).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumOrSkip } from '../../dev/support/chromium';
import type { DeckStyleView, NamedReference, ThreadView } from '../../src/shared/rpc';
import { IMAGE_TARGET, promptAndGenerate, type SidebarHarness, startSidebar, THREAD } from './sidebar-page';

const { executablePath, skip } = chromiumOrSkip('Sidebar long-text tests');

const LONG = 'W'.repeat(5000);
const NAMED: NamedReference[] = [
  { name: `Mira${LONG}`, role: 'subject', source: 'drive', pinnedBy: 'collaborator', at: Date.UTC(2026, 10, 30) },
];
const STYLE: DeckStyleView = {
  brief: `Brief${LONG}`,
  palette: ['#0e6e6e'],
  references: [NAMED[0]?.name ?? ''],
  on: true,
  changes: [{ at: Date.UTC(2026, 10, 30), who: 'collaborator', what: `Brief changed${LONG}` }],
  version: 'v1',
};
const LONG_THREAD: ThreadView = {
  ...THREAD,
  label: `The selected image on slide 3, ${LONG}`,
  turns: THREAD.turns.map((t) => ({ ...t, instruction: `Instruction${LONG}`, modelText: `Said${LONG}` })),
  altTitle: `Title${LONG}`,
  altDescription: `Description${LONG}`,
};

/** How wide the page lays out, and every visible control that ends past the 300 px edge. */
async function overflow(page: Page): Promise<{ width: number; offscreen: string[] }> {
  return page.evaluate(() => {
    const offscreen = [...document.querySelectorAll('button, input, textarea, select, a')]
      .filter((e) => (e as HTMLElement).offsetParent !== null)
      .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 0.5)
      .map((e) => (e.getAttribute('aria-label') ?? e.textContent ?? e.tagName).slice(0, 40));
    return { width: document.documentElement.scrollWidth, offscreen };
  });
}

describe.skipIf(skip)('long unbroken text in the sidebar', () => {
  let sidebar: SidebarHarness;
  beforeAll(async () => {
    sidebar = await startSidebar(executablePath ?? '');
  });
  afterAll(async () => {
    await sidebar?.close();
  });

  it('a 5,000-character name, prompt and brief keep the compose view, the results and the style editor at 300 px', async () => {
    const { page } = await sidebar.open({ named: NAMED, style: STYLE });
    const unpin = page.getByRole('button', { name: `Unpin Mira${LONG}` });
    await unpin.waitFor();
    await page.getByRole('textbox', { name: 'Prompt' }).fill(`Prompt${LONG}`);
    expect(await overflow(page)).toEqual({ width: 300, offscreen: [] });
    const box = await unpin.boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= 300).toBe(true);

    await promptAndGenerate(page, `Prompt${LONG}`);
    await page
      .getByRole('button', { name: /^Insert/ })
      .first()
      .waitFor();
    expect(await overflow(page)).toEqual({ width: 300, offscreen: [] });

    await page.getByRole('button', { name: 'Edit style' }).click();
    await page.getByRole('button', { name: 'Save style' }).waitFor();
    expect(await overflow(page)).toEqual({ width: 300, offscreen: [] });
    await page.close();
  });

  it('a 5,000-character instruction, label and description keep the edit thread at 300 px', async () => {
    const { page } = await sidebar.open({ target: IMAGE_TARGET, thread: LONG_THREAD, named: NAMED, style: STYLE });
    await page.getByRole('heading', { name: 'Edit this image' }).waitFor();
    await page.getByRole('list', { name: 'Conversation' }).getByText('A collaborator ·').waitFor();
    const instruction = page.getByRole('textbox', { name: 'What should change' });
    await instruction.fill(`Instruction${LONG}`);
    expect(await overflow(page)).toEqual({ width: 300, offscreen: [] });
    await instruction.press('Control+Enter');
    await page.getByRole('heading', { name: 'Before and after' }).waitFor();
    await page.getByText('Versions (2)').click();
    await page.getByText('only they can open it').first().waitFor();
    expect(await overflow(page)).toEqual({ width: 300, offscreen: [] });
    const box = await page.getByRole('button', { name: `Unpin Mira${LONG}` }).boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= 300).toBe(true);
    await page.close();
  });
});
