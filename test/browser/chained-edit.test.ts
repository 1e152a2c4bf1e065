/**
 * Chained edits end to end, in both hosts: the real bundle in the workbench, the real sidebar, the Gemini emulator.
 * A person inserts a picture, edits it, and edits again without applying: the second request starts from the first
 * preview (the emulator's log shows that picture, with the signature Gemini put on it, in the model turn), not from
 * the picture in the document. They choose the first preview in the chain's strip and apply it; reopened, the
 * sidebar shows the conversation with the second preview marked as shown and not applied, and brings it back.
 */
import type { FrameLocator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DUMMY_SIGNATURES, isValidSignature } from '../../dev/emulator/signatures';
import { chromiumOrSkip } from '../../dev/support/chromium';
import type { HostKind } from '../../dev/workbench/protocol';
import type { Workbench } from '../../dev/workbench/server';
import { emulatorImageBytes, type Lab, openLab, openSidebar } from './lab';

const LATENCY_MS = 100;
const WAIT = { timeout: 15_000, interval: 50 };
const { executablePath, skip } = chromiumOrSkip('Chained edit browser tests');

interface Part {
  text?: string;
  inlineData?: { data: string };
  thoughtSignature?: string;
}

describe.skipIf(skip)('chained edits in the workbench', () => {
  let lab: Lab;
  let workbench: Workbench;
  let page: Page;

  const editBodies = () =>
    (workbench.emulator?.requests ?? [])
      .filter((r) => r.path.includes(':generateContent'))
      .map((r) => r.body as { contents: { role: string; parts: Part[] }[] });

  const turns = (sidebar: FrameLocator) => sidebar.getByRole('list', { name: 'Conversation' }).getByRole('listitem');

  /** The picture "after" shows, from its data URL. */
  async function after(sidebar: FrameLocator): Promise<string> {
    const src = await sidebar.getByRole('img', { name: /^After:/ }).getAttribute('src');
    return (src ?? '').replace(/^data:[^,]*,/, '');
  }

  async function edit(sidebar: FrameLocator, instruction: string): Promise<void> {
    const asked = editBodies().length;
    await sidebar.getByRole('textbox', { name: 'What should change' }).fill(instruction);
    await sidebar.getByRole('button', { name: 'Edit', exact: true }).click();
    await expect.poll(() => editBodies().length, WAIT).toBe(asked + 1);
    await sidebar.getByRole('img', { name: `After: ${instruction}` }).waitFor();
  }

  async function selectImage(host: HostKind, sidebar: FrameLocator): Promise<void> {
    if (host === 'deck') await page.getByRole('button', { name: /^Image from the emulator/ }).click();
    else await page.getByRole('img', { name: /lighthouse/i }).click();
    await sidebar.getByRole('heading', { level: 1 }).click();
    await sidebar.getByRole('heading', { name: 'Edit this image' }).waitFor();
  }

  beforeAll(async () => {
    lab = await openLab('chain', executablePath ?? '', LATENCY_MS);
    ({ workbench } = lab);
  });

  afterAll(async () => {
    await lab?.close();
  });

  for (const host of ['deck', 'doc'] as const) {
    it(`${host}: edit, edit again from the preview, choose the first, apply, reopen`, async () => {
      page = await lab.openEditor(host, WAIT.timeout);
      let sidebar = await openSidebar(page);
      await expect
        .poll(() => sidebar.getByRole('button', { name: 'Generate', exact: true }).isEnabled(), WAIT)
        .toBe(true);
      await sidebar.getByRole('textbox', { name: 'Prompt' }).fill('A lighthouse on a cliff');
      await sidebar.getByRole('button', { name: 'Generate', exact: true }).click();
      await sidebar.getByRole('status').filter({ hasText: /ready/ }).waitFor();
      await sidebar.getByRole('button', { name: 'Insert', exact: true }).click();
      await sidebar.getByText(/^Inserted:/).waitFor();
      const inserted = await emulatorImageBytes(lab);
      await selectImage(host, sidebar);

      await edit(sidebar, 'Add a lake in the foreground');
      const first = await after(sidebar);
      await sidebar.getByText('Your next instruction continues from the preview shown').waitFor();
      await edit(sidebar, 'Add a red boat');
      const second = await after(sidebar);
      expect(second).not.toBe(first);
      // Nothing was applied: the document still shows the inserted picture.
      expect(await emulatorImageBytes(lab)).toBe(inserted);

      // The second request started from the first preview, as Gemini sent it, with Gemini's own signature.
      const sent = editBodies().at(-1);
      const model = sent?.contents.find((c) => c.role === 'model');
      const image = model?.parts.find((p) => p.inlineData);
      expect(image?.inlineData?.data).toBe(first);
      expect(image?.inlineData?.data).not.toBe(inserted);
      const signature = image?.thoughtSignature ?? '';
      expect(isValidSignature(signature) && !DUMMY_SIGNATURES.includes(signature)).toBe(true);
      expect(sent?.contents[0]?.parts[0]?.text).toContain('Add a lake in the foreground');
      expect(
        sent?.contents
          .at(-1)
          ?.parts.map((p) => p.text ?? '')
          .join(''),
      ).toBe('Add a red boat');

      // The chain's strip: choose the first preview for Apply.
      const strip = sidebar.getByRole('radiogroup', { name: /^Previews in this chain/ });
      await expect.poll(() => strip.getByRole('radio').count(), WAIT).toBe(2);
      await strip.getByRole('img', { name: 'Preview 1 of 2' }).click();
      await expect.poll(() => after(sidebar), WAIT).toBe(first);
      if (host === 'deck') await page.screenshot({ path: '/tmp/chained-edit.png' });
      await sidebar.getByRole('button', { name: 'Apply', exact: true }).click();
      await sidebar.getByText(/^Applied:/).waitFor();
      await expect.poll(() => emulatorImageBytes(lab), WAIT).toBe(first);

      // Reopened: the same conversation, the second preview marked shown and not applied, and it comes back.
      await lab.post('/api/close', { kind: 'sidebar' });
      await page.goto(workbench.url);
      await expect.poll(async () => (await lab.state()).menus.length, WAIT).toBeGreaterThan(0);
      sidebar = await openSidebar(page);
      await expect.poll(() => turns(sidebar).count(), WAIT).toBe(3);
      await turns(sidebar).getByText('Add a lake in the foreground', { exact: true }).waitFor();
      const shownTurn = turns(sidebar).filter({ hasText: 'Add a red boat' });
      await shownTurn.getByText(/shown, not applied/).waitFor();
      expect(await turns(sidebar).filter({ hasText: 'shown, not applied' }).count()).toBe(1);
      if (host === 'doc') {
        await shownTurn.scrollIntoViewIfNeeded();
        await page.screenshot({ path: '/tmp/chained-edit-reopened.png' });
      }
      await sidebar.getByRole('button', { name: 'Bring back the previews not applied (1)' }).click();
      await sidebar.getByRole('heading', { name: 'Before and after' }).waitFor();
      await expect.poll(() => after(sidebar), WAIT).toBe(second);
      expect(await emulatorImageBytes(lab)).toBe(first);
    });
  }
});
