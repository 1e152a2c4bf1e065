/**
 * Several Google accounts in one browser, in the workbench: a window whose browser default is another account
 * (the header's Browser default menu, `?account=`) opens Peel, and Apps Script refuses the sidebar's calls with
 * Google's own text, as it does for such a window. The sidebar must say why and how to get round it, in its error
 * box, never a raw ScriptError, and must not send the person to Settings (the key is not the problem).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumOrSkip } from '../../dev/support/chromium';
import { type Lab, openLab } from './lab';

const WAIT = { timeout: 15_000, interval: 50 };
const { executablePath, skip } = chromiumOrSkip('Other-account browser test');

describe.skipIf(skip)('a window signed in to several accounts, the file’s not the default', () => {
  let lab: Lab;
  let page: Page;

  beforeAll(async () => {
    lab = await openLab('other-account', executablePath ?? '', 100);
  });

  afterAll(async () => {
    await lab?.close();
  });

  it('opens Peel, and says to use a window signed in to that account only', async () => {
    await lab.reset('deck');
    page = await lab.newPage(WAIT.timeout);
    await page.goto(`${lab.workbench.url}/?account=not-default`);
    await expect
      .poll(() => page.getByRole('combobox', { name: /Browser default/ }).inputValue(), WAIT)
      .toBe('not-default');
    // The editor still runs the menu as the document's account: Peel opens.
    await expect.poll(async () => (await lab.state()).menus.length, WAIT).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Extensions' }).click();
    await page.getByRole('menuitem', { name: 'Open Peel' }).click();
    const sidebar = page.getByRole('complementary', { name: 'Peel sidebar' }).locator('iframe').contentFrame();

    const box = sidebar.getByRole('alert');
    await box.getByText(/^Several Google accounts are signed in to this browser/).waitFor();
    await box.getByText(/a window signed in to that account only \(a private or incognito window works\)/).waitFor();
    expect(await box.textContent()).toContain('Error code PERMISSION_DENIED');
    expect(await sidebar.getByRole('button', { name: 'Open Settings' }).count()).toBe(0);
  });
});
