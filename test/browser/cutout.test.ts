/**
 * A cut-out on a coloured slide, end to end in the workbench: the real bundle, the real sidebar (its late part
 * cuts the subject out in Chromium's canvas), the Gemini emulator. A person colours the slide, makes a picture,
 * inserts it, selects it and presses Remove background, then Apply: the picture in the deck is a PNG with a real
 * alpha channel, so the slide's colour shows around the subject. The screenshot is saved to /tmp/cutout.png.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeckState } from '../../dev/runtime/model';
import { chromiumOrSkip } from '../../dev/support/chromium';
import { decodeImage } from '../../dev/support/image';
import { pngHasAlpha } from '../../src/core/matte';
import { chooseSmallSpace, emulatorPicture, type Lab, openLab, openSidebar } from './lab';

const LATENCY_MS = 100;
const WAIT = { timeout: 30_000, interval: 50 };
const SLIDE_COLOUR = '#1d4e89';
const { executablePath, skip } = chromiumOrSkip('Cut-out browser test');

describe.skipIf(skip)('a cut-out on a coloured slide in the workbench', () => {
  let lab: Lab;
  let page: Page;

  beforeAll(async () => {
    lab = await openLab('cutout', executablePath ?? '', LATENCY_MS);
  });

  afterAll(async () => {
    await lab?.close();
  });

  it('Remove background, then Apply: the slide’s colour shows around the subject', async () => {
    page = await lab.openEditor('deck', WAIT.timeout);
    const pageId = ((await lab.state()).document as DeckState).selection.pageId;
    await lab.post('/api/slide-background', { pageId, colour: SLIDE_COLOUR });
    const sidebar = await openSidebar(page);
    await expect
      .poll(() => sidebar.getByRole('button', { name: 'Generate', exact: true }).isEnabled(), WAIT)
      .toBe(true);
    // On the coloured title slide, not on a new slide of its own.
    await chooseSmallSpace(sidebar, WAIT.timeout);
    await sidebar.getByRole('textbox', { name: 'Prompt' }).fill('A red fox sitting in the snow');
    await sidebar.getByRole('button', { name: 'Generate', exact: true }).click();
    await sidebar.getByRole('status').filter({ hasText: /ready/ }).waitFor();
    await sidebar.getByRole('button', { name: 'Insert', exact: true }).click();
    await sidebar.getByText(/^Inserted:/).waitFor();
    const inserted = await emulatorPicture(lab);

    await page.getByRole('button', { name: /^Image from the emulator/ }).click();
    await sidebar.getByRole('heading', { level: 1 }).click();
    await sidebar.getByRole('heading', { name: 'Edit this image' }).waitFor();
    await sidebar.getByRole('button', { name: 'Remove background' }).click();
    await sidebar.getByRole('heading', { name: 'Before and after' }).waitFor();
    await sidebar.getByText(/its background is transparent/).waitFor();
    await sidebar.getByRole('button', { name: 'Apply' }).click();
    await sidebar.getByText(/^Applied:/).waitFor();

    // The model was asked for the subject on one exact key colour.
    const asked = (lab.workbench.emulator?.requests ?? []).filter((r) => r.path.includes(':generateContent')).at(-1);
    expect(JSON.stringify(asked?.body)).toMatch(/flat, even background of exactly #[0-9A-F]{6} \(pure \w+\)/);

    const placed = await emulatorPicture(lab);
    expect(placed.objectId).toBe(inserted.objectId);
    expect(placed.image.mimeType).toBe('image/png');
    const bytes = Buffer.from(placed.image.base64, 'base64');
    expect(pngHasAlpha(bytes)).toBe(true);
    const rgba = decodeImage(bytes);
    const alphaAt = (x: number, y: number) => rgba.data[(y * rgba.width + x) * 4 + 3];
    expect(alphaAt(0, 0)).toBe(0);
    expect(alphaAt(rgba.width - 1, rgba.height - 1)).toBe(0);
    expect(alphaAt(Math.floor(rgba.width / 2), Math.floor(rgba.height * 0.54))).toBe(255);

    // On screen: the slide's colour where the key was (near a corner of the picture, inside the selection's
    // outline), not a box.
    const picture = page.getByRole('button', { name: /^Image from the emulator/ });
    await picture.scrollIntoViewIfNeeded();
    const shot = await page.screenshot({ path: '/tmp/cutout.png' });
    const box = await picture.boundingBox();
    if (!box) throw new Error('the picture is not on screen');
    const screen = decodeImage(shot);
    const corner = (
      screen.data.subarray(
        (Math.round(box.y + 20) * screen.width + Math.round(box.x + 20)) * 4,
        (Math.round(box.y + 20) * screen.width + Math.round(box.x + 20)) * 4 + 3,
      ) as Uint8Array
    ).join(',');
    expect(corner).toBe('29,78,137');
  });
});
