/**
 * Issue 10, item 10's last flow, in both hosts: a second user (another browser context, acting as another user
 * with their own user properties and key) continues the thread the first one started. Each sees their own turns
 * as "You" and the other's as "A collaborator"; the second user's edit carries the first one's instructions.
 * Controls are found by role and name; the workbench state and the emulator's request log only check outcomes.
 */
import type { Browser, BrowserContext, FrameLocator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { chromiumOrSkip } from '../../dev/support/chromium';
import type { HostKind, WorkbenchState } from '../../dev/workbench/protocol';
import type { Workbench } from '../../dev/workbench/server';
import { emulatorImageBytes, type Lab, openLab } from './lab';

const LATENCY_MS = 100;
const WAIT = { timeout: 15_000, interval: 50 };
const ANA = 'newcomer@example.com';
const BEA = 'bea@example.com';
const { executablePath, skip } = chromiumOrSkip('Second user browser tests');

describe.skipIf(skip)('a second user continues the thread (issue 10)', () => {
  let lab: Lab;
  let workbench: Workbench;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  const state = (): Promise<WorkbenchState> => lab.state();

  const post = (route: string, body: unknown = {}): Promise<void> => lab.post(route, body);

  /** A browser context of its own (no shared storage), its page opened as `user`. */
  async function openAs(user: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(WAIT.timeout);
    page.on('pageerror', (error) => console.error(`page error (${user}):`, error.message));
    await page.goto(user === ANA ? workbench.url : `${workbench.url}/?user=${encodeURIComponent(user)}`);
    await page.getByRole('button', { name: 'Extensions' }).waitFor();
    // The header says who this window is.
    await expect.poll(() => page.getByRole('combobox', { name: /Act as/ }).inputValue(), WAIT).toBe(user);
    return page;
  }

  async function openSidebar(page: Page): Promise<FrameLocator> {
    await page.getByRole('button', { name: 'Extensions' }).click();
    await page.getByRole('menuitem', { name: 'Open Peel' }).click();
    const sidebar = page.getByRole('complementary', { name: 'Peel sidebar' }).locator('iframe').contentFrame();
    await sidebar.getByRole('heading', { level: 1 }).waitFor();
    return sidebar;
  }

  async function selectImage(page: Page, host: HostKind, sidebar: FrameLocator): Promise<void> {
    if (host === 'deck') await page.getByRole('button', { name: /^Image from the emulator/ }).click();
    else await page.getByRole('img', { name: /lighthouse/i }).click();
    await sidebar.getByRole('heading', { level: 1 }).click();
    await sidebar.getByRole('heading', { name: 'Edit this image' }).waitFor();
  }

  const turns = (sidebar: FrameLocator) => sidebar.getByRole('list', { name: 'Conversation' }).getByRole('listitem');

  /** Who the sidebar says made the turn with this instruction: "You" or "A collaborator". */
  async function who(sidebar: FrameLocator, instruction: string): Promise<string> {
    const turn = turns(sidebar).filter({ has: sidebar.getByText(instruction, { exact: true }) });
    return ((await turn.locator('.turn-meta').textContent()) ?? '').split(' · ')[0] ?? '';
  }

  async function edit(sidebar: FrameLocator, instruction: string): Promise<void> {
    await sidebar.getByRole('textbox', { name: 'What should change' }).fill(instruction);
    await sidebar.getByRole('button', { name: 'Edit', exact: true }).click();
    await sidebar.getByRole('heading', { name: 'Before and after' }).waitFor();
    await sidebar.getByRole('button', { name: 'Apply' }).click();
    await sidebar.getByText(/^Applied:/).waitFor();
  }

  function editRequests() {
    return (workbench.emulator?.requests ?? []).filter((r) => r.path.includes(':generateContent'));
  }

  function sentText(body: unknown): string {
    const contents = (body as { contents?: { parts?: { text?: string }[] }[] }).contents ?? [];
    return contents
      .flatMap((c) => c.parts ?? [])
      .map((p) => p.text ?? '')
      .join('\n');
  }

  beforeAll(async () => {
    lab = await openLab('second-user', executablePath ?? '', LATENCY_MS);
    ({ workbench, browser } = lab);
  });

  afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close();
  });

  afterAll(async () => {
    await lab?.close();
  });

  for (const host of ['deck', 'doc'] as const) {
    it(`${host}: a second user in another browser context continues the first user's thread, and each sees the other as a collaborator`, async () => {
      await post('/api/reset');
      await post('/api/host', { host });
      const prompt = 'A lighthouse on a cliff';
      const lake = 'Add a lake in the foreground';
      const sky = 'Make the sky more dramatic';

      // Ana generates, inserts and makes one edit.
      const ana = await openAs(ANA);
      let anaSidebar = await openSidebar(ana);
      await expect
        .poll(() => anaSidebar.getByRole('button', { name: 'Generate', exact: true }).isEnabled(), WAIT)
        .toBe(true);
      await anaSidebar.getByRole('textbox', { name: 'Prompt' }).fill(prompt);
      await anaSidebar.getByRole('button', { name: 'Generate', exact: true }).click();
      await anaSidebar.getByRole('radiogroup', { name: 'Results' }).getByRole('img').first().waitFor();
      // As a person would: every variant in before the next click.
      await anaSidebar.getByRole('status').filter({ hasText: /ready/ }).waitFor();
      await anaSidebar.getByRole('button', { name: 'Insert', exact: true }).click();
      await anaSidebar.getByText(/^Inserted:/).waitFor();
      await selectImage(ana, host, anaSidebar);
      await edit(anaSidebar, lake);
      await expect.poll(() => turns(anaSidebar).count(), WAIT).toBe(2);
      const afterAna = await emulatorImageBytes(lab);

      // Bea, in a browser context of her own, selects the same image and finds Ana's turns as a collaborator's.
      const bea = await openAs(BEA);
      const beaSidebar = await openSidebar(bea);
      await selectImage(bea, host, beaSidebar);
      await expect.poll(() => turns(beaSidebar).count(), WAIT).toBe(2);
      expect(await who(beaSidebar, prompt)).toBe('A collaborator');
      expect(await who(beaSidebar, lake)).toBe('A collaborator');

      // Her edit continues the thread: it starts from the current image and carries Ana's instructions.
      const before = editRequests().length;
      await edit(beaSidebar, sky);
      await expect.poll(() => turns(beaSidebar).count(), WAIT).toBe(3);
      const requests = editRequests().slice(before);
      expect(requests).toHaveLength(1);
      const text = sentText(requests[0]?.body);
      for (const instruction of [lake, sky]) expect(text).toContain(instruction);
      expect(await emulatorImageBytes(lab)).not.toBe(afterAna);
      expect(await who(beaSidebar, sky)).toBe('You');
      expect(await who(beaSidebar, lake)).toBe('A collaborator');
      // Bea ran it as herself, with her own key (the emulator's stand-in, which works for every user).
      const applied = (await state()).executions.find((e) => e.functionName === 'applyEdit');
      expect(applied?.user).toBe(BEA);

      // Ana reloads: the document's thread has both users' turns, Bea's as a collaborator's.
      await ana.reload();
      await ana.getByRole('button', { name: 'Extensions' }).waitFor();
      anaSidebar = await openSidebar(ana);
      await selectImage(ana, host, anaSidebar);
      await expect.poll(() => turns(anaSidebar).count(), WAIT).toBe(3);
      expect(await who(anaSidebar, prompt)).toBe('You');
      expect(await who(anaSidebar, lake)).toBe('You');
      expect(await who(anaSidebar, sky)).toBe('A collaborator');
    });
  }
});
