/**
 * The sidebar in the pseudo-locale (en-XA: every sentence accented, about 35% longer, in brackets) at the
 * editor's 300 px with scrollbars that take room, as on a Windows or Linux desktop: in every view, nothing
 * scrolls sideways and no control's words are cut or spill out of it. The built sidebar in Chromium against the
 * fake google.script.run, with the catalog the build wrote (dist/SidebarWords.html) as the server sends it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumOrSkip } from '../../dev/support/chromium';
import { type Key, PSEUDO, SERVER_WORDS } from '../../src/core/i18n';
import { ENGLISH as EN } from '../../src/core/i18n/english';
import type { DeckStyleView, JobPlan, NamedReference, Target } from '../../src/shared/rpc';
import { IMAGE_TARGET, type SidebarHarness, startSidebar, THREAD } from './sidebar-page';

const { executablePath, skip } = chromiumOrSkip('Sidebar pseudo-locale tests');

/** The pseudo-locale's catalog as the build wrote it: an array in English's key order (build/build.ts). */
const CATALOG = (
  JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../dist/SidebarWords.html'), 'utf8')) as Record<
    string,
    string[]
  >
)[PSEUDO] as string[];
const say = (key: Key) => CATALOG[Object.keys(EN).indexOf(key)] as string;
/** The server's sentences in the pseudo-locale, keyed (Code.js names them), as getSidebarContext sends them. */
const SERVER = (
  JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../dist/SidebarWords.html'), 'utf8')) as Record<
    string,
    Record<string, Record<string, string>>
  >
)[SERVER_WORDS]?.[PSEUDO] as Record<string, string>;

/** A title slide's small free space: where the picture goes and the offers, as the server writes them (keys too). */
const SMALL_SPACE: Target = {
  host: 'slides',
  kind: 'slide',
  label: 'A new slide after this one (the free space here is small)',
  labelWords: { key: 'newSlideSmall' },
  ratio: 16 / 9,
  canInsert: true,
  canReplace: false,
  canBackground: true,
  backgroundRatio: 16 / 9,
  offers: {
    message: 'The free space on this slide would hold only a small picture.',
    messageWords: { key: 'smallSpace' },
    choices: [
      {
        where: 'beside',
        label: 'Free space at the bottom left of the slide, smaller (21:9)',
        labelWords: { key: 'offerFree', params: { where: { key: 'bottom left' }, ratio: '21:9' } },
        ratio: 21 / 9,
      },
      {
        where: 'new-slide',
        label: 'A new slide after this one, large',
        labelWords: { key: 'offerNewSlide' },
        ratio: 16 / 9,
      },
      { where: 'behind', label: 'The slide’s background', labelWords: { key: 'behindText' }, ratio: 16 / 9 },
    ],
  },
};
const LANGUAGE = { locale: PSEUDO, words: JSON.stringify(CATALOG) };

const NAMED: NamedReference[] = [
  { name: 'Mira', role: 'subject', source: 'drive', pinnedBy: 'collaborator', at: Date.UTC(2026, 10, 30) },
];
const STYLE: DeckStyleView = {
  brief: 'Flat illustration, warm light',
  palette: ['#0e6e6e', '#f2a541'],
  references: ['Mira'],
  on: true,
  changes: [{ at: Date.UTC(2026, 10, 30), who: 'collaborator', what: 'Brief changed' }],
  version: 'v1',
};
const PLAN: JobPlan = {
  kind: 'illustrate',
  perImageUsd: 0.039,
  items: [1, 2, 3].map((n) => ({
    key: `slide-${n}`,
    slideNumber: n + 1,
    label: `Slide ${n + 1}: Quarterly results`,
    prompt: 'Illustrate this slide: Quarterly results, revenue up 12%',
    aspectRatio: '16:9',
    chosen: n !== 2,
  })),
};

/** Sideways scrolling of the page, and every visible control whose words do not fit it or that ends past the edge. */
async function misfits(page: Page): Promise<{ sideways: number; controls: string[] }> {
  return page.evaluate(() => {
    const page = document.scrollingElement ?? document.documentElement;
    const controls = [...document.querySelectorAll<HTMLElement>('button, a.button, label, select, h1, h2')]
      .filter((e) => e.offsetParent !== null)
      .filter(
        (e) =>
          e.scrollWidth > e.clientWidth + 1 ||
          e.getBoundingClientRect().right > page.clientWidth + 0.5 ||
          e.getBoundingClientRect().left < -0.5,
      )
      .map((e) => `${e.tagName.toLowerCase()}: ${(e.getAttribute('aria-label') ?? e.textContent ?? '').slice(0, 50)}`);
    return { sideways: Math.max(0, page.scrollWidth - page.clientWidth), controls };
  });
}

describe.skipIf(skip)('the pseudo-locale at 300 px with scrollbars', () => {
  let sidebar: SidebarHarness;
  beforeAll(async () => {
    sidebar = await startSidebar(executablePath ?? '', { scrollbars: true });
  });
  afterAll(async () => {
    await sidebar?.close();
  });

  const open = async () => {
    const { page } = await sidebar.open({ ...LANGUAGE, named: NAMED, style: STYLE, plan: PLAN });
    await page.getByRole('button', { name: say('generate') }).waitFor();
    return page;
  };

  it('the main view with its references, and the results', async () => {
    const page = await open();
    // A scrollbar that takes room: the page is taller than the window.
    expect(await page.evaluate(() => window.innerWidth - document.documentElement.clientWidth)).toBeGreaterThan(0);
    expect(await misfits(page), 'main view').toEqual({ sideways: 0, controls: [] });
    await page.getByRole('textbox', { name: say('prompt') }).fill('A lighthouse at dawn');
    await page.getByRole('button', { name: say('generate') }).click();
    await page.getByRole('button', { name: say('discard') }).waitFor();
    expect(await misfits(page), 'results').toEqual({ sideways: 0, controls: [] });
    // A status notice comes from the catalog too: one left in English would not be bracketed here.
    await page.getByRole('button', { name: say('discard') }).click();
    await page.getByText(say('imagesDiscarded')).waitFor();
    expect(say('imagesDiscarded')).toMatch(/^\[Îmágés dísçárdéd\./);
    expect(await misfits(page), 'notice').toEqual({ sideways: 0, controls: [] });
    await page.close();
  });

  it('the style editor', async () => {
    const page = await open();
    await page.getByRole('button', { name: say('editStyle') }).click();
    await page.locator('.style-editor').waitFor();
    expect(await misfits(page), 'style editor').toEqual({ sideways: 0, controls: [] });
    await page.close();
  });

  it('a deck job’s plan', async () => {
    const page = await open();
    await page.getByRole('button', { name: say('illustrateDeck') }).click();
    await page.getByText('Slide 2: Quarterly results').first().waitFor();
    expect(await misfits(page), 'deck job plan').toEqual({ sideways: 0, controls: [] });
    await page.close();
  });

  it('Settings', async () => {
    const page = await open();
    await page.getByRole('button', { name: say('settings') }).click();
    await page.locator('main input, main button').first().waitFor();
    expect(await misfits(page), 'Settings').toEqual({ sideways: 0, controls: [] });
    await page.close();
  });

  it('where a picture goes, said from the server’s catalog, with its offers', async () => {
    const { page } = await sidebar.open(
      { ...LANGUAGE, serverWords: JSON.stringify(SERVER), target: SMALL_SPACE },
      SERVER.newSlideSmall,
    );
    // The offers come with the late part; each is the server's sentence in the pseudo-locale, nested ones too.
    await page.getByText(SERVER.smallSpace ?? '').waitFor();
    expect(await page.getByText(/Free space at the bottom/).count()).toBe(0);
    await page.getByText(SERVER.offerNewSlide ?? '').waitFor();
    expect(await misfits(page), 'where the picture goes').toEqual({ sideways: 0, controls: [] });
    await page.close();
  });

  it('the edit thread fits', async () => {
    const { page } = await sidebar.open({ ...LANGUAGE, target: IMAGE_TARGET, thread: THREAD, named: NAMED });
    await page.getByRole('textbox', { name: /What should change|Whát/ }).waitFor();
    expect(await misfits(page), 'edit thread').toEqual({ sideways: 0, controls: [] });
    await page.close();
  });
});
