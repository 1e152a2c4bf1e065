/**
 * Issue 13 end to end: the real bundle in the workbench, the real sidebar, the Gemini emulator. A person sets the
 * deck's style, illustrates the demo deck's seven slides that want a picture (text and none yet, or an empty picture placeholder), closes the sidebar half-way and
 * finds the job going on when it reopens, accepts all, then restyles a picture and restores its earlier version.
 * Controls are found by role and name; the workbench state and the emulator's request log only check outcomes.
 */
import type { FrameLocator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeckState, PageElementState } from '../../dev/runtime/model';
import { chromiumOrSkip } from '../../dev/support/chromium';
import type { Workbench } from '../../dev/workbench/server';
import { type Lab, openLab } from './lab';

const LATENCY_MS = 1500;
const WAIT = { timeout: 30_000, interval: 100 };
const BRIEF = 'Flat paper cut-outs, soft daylight, no words in the picture';
const { executablePath, skip } = chromiumOrSkip('Deck job browser tests');

const overlaps = (a: PageElementState, b: PageElementState) =>
  a.left < b.left + b.width && b.left < a.left + a.width && a.top < b.top + b.height && b.top < a.top + a.height;

describe.skipIf(skip)('the deck’s style and deck jobs in the workbench (issue 13)', () => {
  let lab: Lab;
  let workbench: Workbench;
  let page: Page;

  const deck = async () => (await lab.state()).document as DeckState;

  async function openSidebar(): Promise<FrameLocator> {
    await page.getByRole('button', { name: 'Extensions' }).click();
    await page.getByRole('menuitem', { name: 'Open Peel' }).click();
    const sidebar = page.getByRole('complementary', { name: 'Peel sidebar' }).locator('iframe').contentFrame();
    await sidebar.getByRole('heading', { level: 1 }).waitFor();
    return sidebar;
  }

  /** The emulator's pictures in the deck, each with its slide. */
  async function emulatorImages() {
    const state = await lab.state();
    const ids = new Set(state.emulatorImageIds);
    return (state.document as DeckState).slides.flatMap((slide) =>
      slide.elements.filter((e) => e.kind === 'image' && ids.has(e.objectId)).map((image) => ({ slide, image })),
    );
  }

  const generateRequests = () =>
    (workbench.emulator?.requests ?? []).filter((r) => r.path.includes(':generateContent'));

  beforeAll(async () => {
    lab = await openLab('issue13', executablePath ?? '', LATENCY_MS);
    ({ workbench } = lab);
  });

  afterAll(async () => {
    await lab?.close();
  });

  it('sets a style, illustrates seven slides through a closed sidebar, accepts all; restyles and restores a picture', async () => {
    page = await lab.openEditor('deck', WAIT.timeout);
    let sidebar = await openSidebar();
    await expect
      .poll(() => sidebar.getByRole('button', { name: 'Generate', exact: true }).isEnabled(), WAIT)
      .toBe(true);

    // The style: a brief and the palette proposed from the theme.
    await sidebar.getByRole('button', { name: 'Set a style for this deck' }).click();
    await sidebar.getByRole('textbox', { name: /^Brief/ }).fill(BRIEF);
    await sidebar.getByRole('button', { name: 'Propose from the theme' }).click();
    await sidebar.getByRole('textbox', { name: 'Colour 1 as hex' }).waitFor();
    await sidebar.getByRole('button', { name: 'Save style' }).click();
    await sidebar.getByText('Style saved: new images follow it.').waitFor();
    await sidebar.getByText(/^Flat paper cut-outs/).waitFor();

    // The plan: the six slides with text and no picture, and the one whose picture placeholder is empty.
    await sidebar.getByRole('button', { name: 'Illustrate the deck' }).click();
    await sidebar.getByRole('heading', { name: 'Illustrate the deck' }).waitFor();
    await sidebar.getByText(/^7 images, estimated \$/).waitFor();
    const before = generateRequests().length;
    await sidebar.getByRole('button', { name: 'Start: 7 images' }).click();

    // Half-way (some proposals in, not all), the sidebar is closed and opened again: the job goes on.
    await sidebar.getByText('Ready for review').first().waitFor();
    expect(await sidebar.getByText('Ready for review').count()).toBeLessThan(7);
    await lab.post('/api/close', { kind: 'sidebar' });
    sidebar = await openSidebar();
    // Reopened, the sidebar shows the job (not the compose view) and finishes it.
    await sidebar.getByRole('heading', { name: 'Illustrate the deck' }).waitFor();
    await sidebar.getByText(/^7 of 7 drawn/).waitFor();
    await sidebar.getByRole('button', { name: 'Accept all (7)' }).click();
    await sidebar.getByText('Placed 7 images.').waitFor();

    // Seven pictures, none over any text, and every request carried the style.
    const placed = await emulatorImages();
    expect(placed).toHaveLength(7);
    for (const { slide, image } of placed) {
      const texts = slide.elements.filter((e) => e.kind === 'shape' && e.text.trim() !== '');
      for (const text of texts) expect(overlaps(image, text), `${image.objectId} over ${text.objectId}`).toBe(false);
    }
    const sent = generateRequests().slice(before);
    expect(sent.length).toBeGreaterThanOrEqual(7);
    for (const request of sent) expect(JSON.stringify(request.body)).toContain('Flat paper cut-outs');

    // Restyle one picture (the demo's sunrise), accept it, then restore its earlier version from its thread.
    await sidebar.getByRole('button', { name: 'Done' }).click();
    const sunriseSlide = (await deck()).slides.findIndex((s) => s.elements.some((e) => e.objectId === 's3-image'));
    const original = (await deck()).slides[sunriseSlide]?.elements.find((e) => e.objectId === 's3-image');
    const originalBytes = original?.kind === 'image' ? original.image.base64 : '';
    await sidebar.getByRole('button', { name: 'Restyle the deck’s pictures' }).click();
    await sidebar.getByRole('heading', { name: 'Restyle the deck’s pictures' }).waitFor();
    const boxes = sidebar.getByRole('checkbox');
    for (let i = 0; i < (await boxes.count()); i++) await boxes.nth(i).uncheck();
    // The job filled that slide's picture placeholder too: the sunrise is counted among the slide's pictures.
    const pictures = (await deck()).slides[sunriseSlide]?.elements.filter((e) => e.kind === 'image') ?? [];
    const sunrise = pictures.findIndex((e) => e.objectId === 's3-image') + 1;
    await sidebar.getByRole('checkbox', { name: `Slide ${sunriseSlide + 1}, picture ${sunrise}` }).check();
    await sidebar.getByRole('button', { name: 'Start: 1 image' }).click();
    await sidebar.getByRole('button', { name: 'Accept all (1)' }).click();
    await sidebar.getByText('Placed 1 image.').waitFor();
    const restyled = (await deck()).slides[sunriseSlide]?.elements.find((e) => e.objectId === 's3-image');
    expect(restyled?.kind === 'image' && restyled.image.base64).not.toBe(originalBytes);
    await sidebar.getByRole('button', { name: 'Done' }).click();

    // As a person does: the picture clicked in the editor, then back to the sidebar (its focus reads the selection).
    await page
      .getByRole('navigation', { name: 'Slides' })
      .getByRole('button', { name: `Slide ${sunriseSlide + 1}` })
      .click();
    // The sunrise is the slide's first picture that is not in a placeholder (its title is now the restyle's; the
    // badge comes after it, and the job's picture fills the placeholder).
    await page
      .getByRole('button', { name: /^Image/ })
      .first()
      .click();
    await sidebar.getByRole('heading', { level: 1 }).click();
    await sidebar.getByRole('heading', { name: 'Edit this image' }).waitFor();
    await sidebar.getByText(/^Versions \(/).click();
    await sidebar.getByRole('button', { name: 'Restore version 1' }).click();
    await sidebar.getByText(/^Restored version 1/).waitFor();
    await expect
      .poll(async () => {
        const now = (await deck()).slides[sunriseSlide]?.elements.find((e) => e.objectId === 's3-image');
        return now?.kind === 'image' ? now.image.base64 : '';
      }, WAIT)
      .toBe(originalBytes);
  }, 180_000);
});
