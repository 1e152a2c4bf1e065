/**
 * The pitch deck in the workbench, driven in Chromium as a person would (issue 19): chosen in the demo chooser,
 * each slide illustrated and the picture inserted, then measured from the deck model: no new picture overlaps
 * the table, the grouped logo or its members, the rotated callout, the chart, its arrow, the video, the word art
 * or any text, by the bounds each covers as drawn. A click on a table cell, on the group and then on a member
 * of it selects what Slides would, and the sidebar says what it will do with each.
 */
import type { FrameLocator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeckState, PageElementState } from '../../dev/runtime/model';
import { drawnBounds } from '../../dev/runtime/slides/transform';
import { chromiumOrSkip } from '../../dev/support/chromium';
import { overlaps } from '../../src/core/placement';
import { chooseSmallSpace, goToSlide, type Lab, openLab, readySidebar } from './lab';

const LATENCY_MS = 100;
const WAIT = { timeout: 10_000, interval: 50 };

const { executablePath, skip } = chromiumOrSkip('Pitch deck browser test (issue 19)');

function visible(elements: readonly PageElementState[]): PageElementState[] {
  return elements.flatMap((e) => (e.kind === 'group' ? [e, ...visible(e.children)] : [e]));
}

describe.skipIf(skip)('the pitch deck in the workbench (issue 19)', () => {
  let lab: Lab;
  let page: Page;
  const deck = async () => (await lab.state()).document as DeckState;

  /** The sidebar reads the selection when the pointer comes back to it, as Peel does on focus. */
  async function goesTo(sidebar: FrameLocator): Promise<string> {
    await sidebar.getByRole('textbox', { name: 'Prompt' }).click();
    const line = sidebar.locator('p', { hasText: /^Goes to:/ });
    return ((await line.textContent()) ?? '').replace(/^Goes to:\s*/, '').trim();
  }

  beforeAll(async () => {
    lab = await openLab('pitch', executablePath ?? '', LATENCY_MS);
  });

  afterAll(async () => {
    await lab?.close();
  });

  it('chosen in the demo chooser, every slide illustrated: no picture covers anything, as drawn', async () => {
    page = await lab.openEditor('deck', WAIT.timeout);
    await page.getByRole('combobox', { name: 'Demo' }).selectOption('pitch');
    await expect.poll(async () => (await deck()).id, WAIT).toBe('peel-pitch-deck');
    await page.getByText('Loop – seed round').waitFor();
    // The slide draws what the deck holds.
    await goToSlide(lab, page, 'pitch-2', WAIT.timeout);
    await page.getByRole('button', { name: 'Cell 2, 2: 2,100' }).waitFor();
    const sidebar = await readySidebar(page, WAIT.timeout);

    const slides = (await deck()).slides.map((s) => s.objectId);
    const added: string[] = [];
    for (const id of slides) {
      await goToSlide(lab, page, id, WAIT.timeout);
      const before = new Set((await lab.state()).emulatorImageIds);
      await sidebar.getByRole('button', { name: 'Illustrate this slide' }).click();
      await expect.poll(() => sidebar.getByRole('textbox', { name: 'Prompt' }).inputValue(), WAIT).not.toBe('');
      // Each picture on its own slide, beside what the slide holds, where the free space is small too.
      await chooseSmallSpace(sidebar, WAIT.timeout);
      await sidebar.getByRole('button', { name: 'Generate', exact: true }).click();
      await sidebar.getByRole('radiogroup', { name: 'Results' }).getByRole('img').first().waitFor();
      await sidebar.getByRole('status').filter({ hasText: /ready/ }).waitFor();
      await sidebar.getByRole('button', { name: /^Insert( on a new slide)?$/ }).click();
      await sidebar
        .getByRole('status')
        .filter({ hasText: /^Inserted: / })
        .waitFor();
      const fresh = (await lab.state()).emulatorImageIds.filter((i) => !before.has(i));
      expect(fresh, id).toHaveLength(1);
      added.push(...fresh);
    }
    const now = await deck();
    for (const slide of now.slides) {
      const everything = visible(slide.elements);
      for (const image of everything.filter((e) => added.includes(e.objectId))) {
        expect(slide.objectId, `${image.objectId} went to a slide of its own`).toMatch(/^pitch-/);
        for (const other of everything.filter((e) => e !== image)) {
          expect(overlaps(image, drawnBounds(other)), `${slide.objectId}: over ${other.objectId}`).toBe(false);
        }
      }
    }
  }, 180_000);

  it('a click selects a table cell, the group, then a member of it, and the sidebar says what Insert does', async () => {
    // Set-up: the pitch demo as it starts (Reset keeps the demo chosen last).
    await lab.post('/api/reset', { demo: 'pitch' });
    page = await lab.openEditor('deck', WAIT.timeout);
    expect((await deck()).id).toBe('peel-pitch-deck');
    const sidebar = await readySidebar(page, WAIT.timeout);

    await goToSlide(lab, page, 'pitch-2', WAIT.timeout);
    await page.getByRole('button', { name: 'Cell 3, 3: $74k' }).click();
    await expect
      .poll(async () => (await deck()).selection.cells, WAIT)
      .toEqual({ elementId: 'p2-table', cells: [{ row: 2, column: 2 }] });
    await expect.poll(() => goesTo(sidebar), WAIT).toMatch(/\(a table cell is selected\)$/);

    await goToSlide(lab, page, 'pitch-3', WAIT.timeout);
    const logo = page.getByRole('button', { name: /^Image: Loop logo$/ });
    await logo.click();
    await expect.poll(async () => (await deck()).selection.elementIds, WAIT).toEqual(['p3-logo']);
    await expect.poll(() => goesTo(sidebar), WAIT).toMatch(/\(a group is selected\)$/);
    // Once the group is selected, a click on its picture selects the picture, which Replace can swap.
    await logo.click();
    await expect.poll(async () => (await deck()).selection.elementIds, WAIT).toEqual(['p3-logo-mark']);
    // The sidebar reads the selection when the pointer comes back: a picture selected, it offers to edit it.
    await sidebar.locator('body').click({ position: { x: 4, y: 4 } });
    await sidebar.getByRole('textbox', { name: 'What should change' }).waitFor();
  }, 120_000);
});
