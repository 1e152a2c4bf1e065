import type { FrameLocator, Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { chromiumOrSkip } from '../../dev/support/chromium';
import { openLab } from '../browser/lab';

const OUT = '/tmp/walk';
const { executablePath } = chromiumOrSkip('walk');
const WAIT = { timeout: 30_000, interval: 100 };

it('walks', async () => {
  const lab = await openLab('walk', executablePath ?? '', 800);
  const page: Page = await lab.openEditor('deck', 30_000);
  const shot = async (name: string) => {
    await page.waitForTimeout(300);
    await page.getByRole('complementary', { name: 'Peel sidebar' }).screenshot({ path: `${OUT}/${name}.png` });
  };
  await page.getByRole('button', { name: 'Extensions' }).click();
  await page.getByRole('menuitem', { name: 'Open Peel' }).click();
  const sb: FrameLocator = page.getByRole('complementary', { name: 'Peel sidebar' }).locator('iframe').contentFrame();
  await expect.poll(() => sb.getByRole('button', { name: 'Generate', exact: true }).isEnabled(), WAIT).toBe(true);
  await shot('01-open');
  // blend two pictures on slide 3
  await page.getByRole('navigation', { name: 'Slides' }).getByRole('button', { name: 'Slide 3' }).click();
  await page.getByRole('button', { name: /^Image: Sunrise/ }).click();
  await page.getByRole('button', { name: /^Image: The field team/ }).click({ modifiers: ['Shift'] });
  await sb.getByRole('heading', { level: 1 }).click();
  await sb.getByText(/2 pictures are selected/).waitFor();
  await shot('02-two-selected');
  await sb.getByRole('button', { name: 'Use the 2 selected pictures' }).click();
  await expect.poll(() => sb.getByRole('list', { name: 'Reference tray' }).getByRole('listitem').count(), WAIT).toBe(2);
  await sb.getByRole('textbox', { name: 'Prompt' }).fill('A picnic on the hills');
  await sb.getByRole('button', { name: 'Generate', exact: true }).click();
  await expect.poll(() => sb.getByRole('textbox', { name: 'Prompt' }).inputValue(), WAIT).toMatch(/^Image 1/);
  await shot('03-composed');
  await sb.getByRole('button', { name: 'Generate', exact: true }).click();
  await sb.getByRole('status').filter({ hasText: /ready/ }).waitFor({ timeout: 30_000 });
  await shot('04-blend-ready');
  await sb.getByRole('button', { name: 'Insert', exact: true }).click();
  await sb.getByText(/^Inserted:/).waitFor();
  await page.screenshot({ path: `${OUT}/05-blend-inserted.png` });
  // pin
  await sb.getByRole('button', { name: /^Pin reference 2/ }).click();
  await shot('06-pin-form');
  await sb.getByRole('textbox', { name: /name/i }).first().fill('Badge');
  await sb.getByRole('button', { name: 'Pin', exact: true }).click();
  await sb
    .getByRole('button', { name: /@Badge/ })
    .first()
    .waitFor();
  await shot('07-pinned');
  // style
  await sb.getByRole('button', { name: 'Set a style for this document' }).click();
  await sb
    .getByRole('textbox', { name: /^Brief/ })
    .fill('Flat paper cut-outs, soft daylight. Avoid words in the picture.');
  await sb.getByRole('button', { name: 'Propose from the theme' }).click();
  await sb.getByRole('textbox', { name: 'Colour 1 as hex' }).waitFor();
  await shot('08-style-editor');
  await sb.getByRole('button', { name: 'Save style' }).click();
  await sb.getByText('Style saved: new images follow it.').waitFor();
  await shot('09-style-chip');
  await sb.getByRole('button', { name: 'Illustrate the deck' }).click();
  await sb.getByText(/images, estimated \$/).waitFor();
  await shot('10-plan');
  await sb.getByRole('button', { name: /^Start: / }).click();
  await sb.getByText('Ready for review').first().waitFor();
  await shot('11-running');
  await sb.getByRole('button', { name: /^Accept all/ }).waitFor({ timeout: 60_000 });
  await expect
    .poll(async () => (await sb.getByText(/of 6 drawn/).textContent()) ?? '', { timeout: 60_000 })
    .toMatch(/^6 of 6/);
  await shot('12-review');
  await sb.getByRole('button', { name: /^Accept all/ }).click();
  await sb.getByText(/^Placed \d+ images?\./).waitFor({ timeout: 60_000 });
  await shot('13-placed');
  await page.getByRole('navigation', { name: 'Slides' }).getByRole('button', { name: 'Slide 4' }).click();
  await page.screenshot({ path: `${OUT}/14-slide4.png` });
  await lab.close();
}, 300_000);
