/**
 * Visible waiting (issue 9): the real bundle in the workbench, the real sidebar, the emulator answering a
 * per-minute 429 with a RetryInfo. The sidebar says so with a live countdown and Cancel instead of a silent
 * "Generating…", then calls again when the time is up; Cancel during the wait makes no further call.
 */
import type { Browser, FrameLocator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumOrSkip } from '../../dev/support/chromium';
import type { Workbench } from '../../dev/workbench/server';
import { type Lab, openLab, readySidebar } from './lab';

const WAIT = { timeout: 15_000, interval: 50 };

const { executablePath, skip } = chromiumOrSkip('Visible waiting browser tests');

describe.skipIf(skip)('waiting Gemini asked for, in the workbench', () => {
  let lab: Lab;
  let workbench: Workbench;
  let browser: Browser;
  let page: Page;

  const generateCalls = () =>
    (workbench.emulator?.requests ?? []).filter((r) => r.path.includes(':generateContent')).length;

  beforeAll(async () => {
    lab = await openLab('waiting', executablePath ?? '', 50);
    ({ workbench, browser } = lab);
  });

  afterAll(async () => {
    await lab?.close();
  });

  async function openSidebar(): Promise<FrameLocator> {
    await page?.close();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.setDefaultTimeout(WAIT.timeout);
    await page.goto(workbench.url);
    return readySidebar(page, WAIT.timeout);
  }

  async function generate(sidebar: FrameLocator, prompt: string): Promise<void> {
    await sidebar.getByRole('textbox', { name: 'Prompt' }).fill(prompt);
    await sidebar.getByRole('button', { name: 'Generate', exact: true }).click();
  }

  it('counts a 429’s retry delay down with Cancel, then tries again and shows the image', async () => {
    if (!workbench.emulator) throw new Error('This test needs the emulator backend');
    const sidebar = await openSidebar();
    workbench.emulator.inject({ kind: 'rate-minute', retryDelaySeconds: 3, times: 1 });
    await generate(sidebar, 'A kite over a wheat field.');

    const line = sidebar.locator('p.waiting');
    await expect
      .poll(() => line.textContent(), WAIT)
      .toMatch(/^Gemini is busy; trying again in [123] s, attempt 2 of 3$/);
    expect(await sidebar.getByRole('button', { name: 'Cancel' }).isVisible()).toBe(true);
    // Live: the seconds go down while nothing else happens.
    await expect.poll(() => line.textContent(), WAIT).toMatch(/in [12] s,/);
    expect(generateCalls()).toBe(1);

    await sidebar.getByRole('radiogroup', { name: 'Results' }).getByRole('img').first().waitFor();
    expect(await line.count()).toBe(0);
    expect(generateCalls()).toBe(2);
    await sidebar
      .getByRole('status')
      .filter({ hasText: /^1 image ready\./ })
      .waitFor();
  });

  it('Cancel during the wait: the countdown goes and the sidebar is free at once', async () => {
    if (!workbench.emulator) throw new Error('This test needs the emulator backend');
    workbench.emulator.reset();
    const sidebar = await openSidebar();
    workbench.emulator.inject({ kind: 'rate-minute', retryDelaySeconds: 20, times: 1 });
    await generate(sidebar, 'A heron in the reeds.');

    const line = sidebar.locator('p.waiting');
    await expect
      .poll(() => line.textContent(), WAIT)
      .toMatch(/^Gemini is busy; trying again in \d+ s, attempt 2 of 3$/);
    await page.screenshot({ path: '/tmp/sidebar-waiting.png' });
    await sidebar.getByRole('button', { name: 'Cancel' }).click();
    await sidebar
      .getByRole('status')
      .filter({ hasText: /^Stopped waiting\./ })
      .waitFor();
    expect(await line.count()).toBe(0);
    expect(await sidebar.getByRole('button', { name: 'Generate', exact: true }).isEnabled()).toBe(true);
    const calls = generateCalls();
    expect(calls).toBe(1);
    expect(await sidebar.getByRole('radiogroup', { name: 'Results' }).count()).toBe(0);
  });
});
