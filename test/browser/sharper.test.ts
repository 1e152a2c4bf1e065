/**
 * "Render at 2K" in the workbench, as a person meets it: a 1K picture inserted on the demo deck, selected; the
 * button names the size and its price before anything is sent; the model gets the picture with words to keep
 * everything, at 2K; Apply puts the larger picture in place of the smaller one, at the same place and size on
 * the slide, and the thread says it was rendered again. The screenshot is saved to /tmp/sharper.png.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImageElement } from '../../dev/runtime/model';
import { chromiumOrSkip } from '../../dev/support/chromium';
import { emulatorPicture, type Lab, openLab, openSidebar } from './lab';

const LATENCY_MS = 100;
const WAIT = { timeout: 30_000, interval: 50 };
const { executablePath, skip } = chromiumOrSkip('Render-at-2K browser test');

describe.skipIf(skip)('rendering a picture again at 2K in the workbench', () => {
  let lab: Lab;
  let page: Page;

  beforeAll(async () => {
    lab = await openLab('sharper', executablePath ?? '', LATENCY_MS);
  });

  afterAll(async () => {
    await lab?.close();
  });

  it('Render at 2K, priced on its button, then Apply: the larger picture in the same place', async () => {
    page = await lab.openEditor('deck', WAIT.timeout);
    const sidebar = await openSidebar(page);
    await expect
      .poll(() => sidebar.getByRole('button', { name: 'Generate', exact: true }).isEnabled(), WAIT)
      .toBe(true);
    await sidebar.getByRole('textbox', { name: 'Prompt' }).fill('A lighthouse on a cliff at dawn');
    await sidebar.getByRole('button', { name: 'Generate', exact: true }).click();
    await sidebar.getByRole('status').filter({ hasText: /ready/ }).waitFor();
    await sidebar.getByRole('button', { name: 'Insert', exact: true }).click();
    await sidebar.getByText(/^Inserted:/).waitFor();
    const before = await emulatorPicture(lab);
    const longSide = (e: ImageElement) => Math.max(e.image.pixelWidth, e.image.pixelHeight);
    // Drawn at 1K: its long side is 1K's for its ratio (1,024 at 1:1, 1,584 at 21:9).
    expect(longSide(before)).toBeLessThan(1843);

    await page.getByRole('button', { name: /^Image from the emulator/ }).click();
    await sidebar.getByRole('heading', { level: 1 }).click();
    await sidebar.getByRole('heading', { name: 'Edit this image' }).waitFor();
    const sent = () =>
      (lab.workbench.emulator?.requests ?? []).filter((r) => r.path.includes(':generateContent')).length;
    const asked = sent();
    // The price is on the button, before anything is sent.
    const render = sidebar.getByRole('button', { name: /^Render at 2K · \$\d+\.\d+/ });
    await render.waitFor();
    expect(sent()).toBe(asked);
    await render.click();
    await sidebar.getByRole('heading', { name: 'Before and after' }).waitFor();
    const request = (lab.workbench.emulator?.requests ?? []).filter((r) => r.path.includes(':generateContent')).at(-1);
    const body = JSON.stringify(request?.body);
    expect(body).toContain('"imageSize":"2K"');
    expect(body).toContain('inlineData');
    expect(body).toContain('Keep everything as it is');
    await sidebar.getByRole('button', { name: 'Apply' }).click();
    await sidebar.getByText(/^Applied:/).waitFor();

    const after = await emulatorPicture(lab);
    expect(after.objectId).toBe(before.objectId);
    // Twice as many pixels on each side, at the same ratio.
    expect(longSide(after)).toBeGreaterThan(1.9 * longSide(before));
    expect(after.image.pixelWidth / after.image.pixelHeight).toBeCloseTo(
      before.image.pixelWidth / before.image.pixelHeight,
      2,
    );
    expect([after.left, after.top, after.width, after.height]).toEqual([
      before.left,
      before.top,
      before.width,
      before.height,
    ]);
    await sidebar.getByText('Rendered again at 2K').first().waitFor();
    // A 2K picture offers 4K only: 2K would not be sharper.
    await expect.poll(() => sidebar.getByRole('button', { name: /^Render at 2K/ }).count(), WAIT).toBe(0);
    await page.screenshot({ path: '/tmp/sharper.png' });
  });
});
