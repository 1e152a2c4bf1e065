/**
 * Issue 10 end to end, in both hosts: the real bundle in the workbench, the real sidebar, the Gemini emulator.
 * A person generates and inserts an image, selects it, makes three edits that accumulate, reloads and finds the
 * thread, restores version 1; a fault during an edit changes nothing. Controls are found by role and name; the
 * workbench state and the emulator's request log are read only to check outcomes.
 */
import type { FrameLocator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sectionBlocks } from '../../dev/runtime/docs/flow';
import type { DeckState, DocumentState } from '../../dev/runtime/model';
import { chromiumOrSkip } from '../../dev/support/chromium';
import type { HostKind, WorkbenchState } from '../../dev/workbench/protocol';
import type { Workbench } from '../../dev/workbench/server';
import { type Lab, openLab } from './lab';

const LATENCY_MS = 100;
const WAIT = { timeout: 15_000, interval: 50 };
const { executablePath, skip } = chromiumOrSkip('Edit thread browser tests');

interface Pictured {
  readonly id: string;
  readonly base64: string;
}

describe.skipIf(skip)('editing an image by conversation in the workbench (issue 10)', () => {
  let lab: Lab;
  let workbench: Workbench;
  let page: Page;

  const state = (): Promise<WorkbenchState> => lab.state();

  const post = (route: string, body: unknown = {}): Promise<void> => lab.post(route, body);

  async function load(): Promise<void> {
    await page.goto(workbench.url);
    await expect.poll(async () => (await state()).menus.length, WAIT).toBeGreaterThan(0);
  }

  async function fresh(host: HostKind): Promise<void> {
    page = await lab.openEditor(host, WAIT.timeout);
  }

  async function openSidebar(): Promise<FrameLocator> {
    await page.getByRole('button', { name: 'Extensions' }).click();
    await page.getByRole('menuitem', { name: 'Open Peel' }).click();
    const sidebar = page.getByRole('complementary', { name: 'Peel sidebar' }).locator('iframe').contentFrame();
    await sidebar.getByRole('heading', { level: 1 }).waitFor();
    return sidebar;
  }

  /** The emulator's images in the open document, by id, with their bytes. */
  async function emulatorImages(): Promise<Pictured[]> {
    const now = await state();
    const ids = new Set(now.emulatorImageIds);
    if (now.host === 'deck') {
      return (now.document as DeckState).slides
        .flatMap((s) => s.elements)
        .flatMap((e) =>
          e.kind === 'image' && ids.has(e.objectId) ? [{ id: e.objectId, base64: e.image.base64 }] : [],
        );
    }
    return sectionBlocks(now.document as DocumentState, 'body')
      .flatMap((b) => b.children)
      .flatMap((c) => (c.kind === 'image' && ids.has(c.id) ? [{ id: c.id, base64: c.image.base64 }] : []));
  }

  async function theImage(): Promise<Pictured> {
    const images = await emulatorImages();
    expect(images).toHaveLength(1);
    return images[0] as Pictured;
  }

  /** Clicks the inserted image in the editor, then comes back to the sidebar (its focus re-reads the selection). */
  async function selectImage(host: HostKind, sidebar: FrameLocator): Promise<void> {
    if (host === 'deck') await page.getByRole('button', { name: /^Image from the emulator/ }).click();
    else await page.getByRole('img', { name: /lighthouse/i }).click();
    await sidebar.getByRole('heading', { level: 1 }).click();
    await sidebar.getByRole('heading', { name: 'Edit this image' }).waitFor();
  }

  const turns = (sidebar: FrameLocator) => sidebar.getByRole('list', { name: 'Conversation' }).getByRole('listitem');

  function editRequests() {
    return (workbench.emulator?.requests ?? []).filter((r) => r.path.includes(':generateContent'));
  }

  /** Images and text a recorded request carried. */
  function sent(body: unknown): { images: number; text: string } {
    const contents = (body as { contents?: { parts?: { text?: string; inlineData?: unknown }[] }[] }).contents ?? [];
    const parts = contents.flatMap((c) => c.parts ?? []);
    return { images: parts.filter((p) => p.inlineData).length, text: parts.map((p) => p.text ?? '').join('\n') };
  }

  async function edit(sidebar: FrameLocator, instruction: string): Promise<void> {
    await sidebar.getByRole('textbox', { name: 'What should change' }).fill(instruction);
    await sidebar.getByRole('button', { name: 'Edit', exact: true }).click();
    await sidebar.getByRole('heading', { name: 'Before and after' }).waitFor();
    await sidebar.getByRole('button', { name: 'Apply' }).click();
    await sidebar.getByText(/^Applied:/).waitFor();
  }

  beforeAll(async () => {
    lab = await openLab('issue10', executablePath ?? '', LATENCY_MS);
    ({ workbench } = lab);
  });

  afterAll(async () => {
    await lab?.close();
  });

  for (const host of ['deck', 'doc'] as const) {
    it(`${host}: generate and insert, three edits that accumulate, the thread after a reload, restore version 1, and a fault changes nothing`, async () => {
      await fresh(host);
      let sidebar = await openSidebar();
      await expect
        .poll(() => sidebar.getByRole('button', { name: 'Generate', exact: true }).isEnabled(), WAIT)
        .toBe(true);
      await sidebar.getByRole('textbox', { name: 'Prompt' }).fill('A lighthouse on a cliff');
      await sidebar.getByRole('button', { name: 'Generate', exact: true }).click();
      await sidebar.getByRole('radiogroup', { name: 'Results' }).getByRole('img').first().waitFor();
      // As a person would: every variant in before the next click.
      await sidebar.getByRole('status').filter({ hasText: /ready/ }).waitFor();
      await sidebar.getByRole('button', { name: 'Insert', exact: true }).click();
      await sidebar.getByText(/^Inserted:/).waitFor();
      const inserted = await theImage();

      await selectImage(host, sidebar);
      // A new image made with Peel starts its thread with its prompt.
      await expect.poll(() => turns(sidebar).count(), WAIT).toBe(1);
      await turns(sidebar).getByText('A lighthouse on a cliff', { exact: true }).waitFor();

      const before = editRequests().length;
      const instructions = ['Add a lake in the foreground', 'Make the sky more dramatic', 'Add a red boat'];
      const seen = [inserted.base64];
      for (const [i, instruction] of instructions.entries()) {
        await edit(sidebar, instruction);
        await expect.poll(() => turns(sidebar).count(), WAIT).toBe(i + 2);
        const now = await theImage();
        // Replaced in place: the same image (Slides keeps its object id), with new bytes each time.
        if (host === 'deck') expect(now.id).toBe(inserted.id);
        expect(seen).not.toContain(now.base64);
        seen.push(now.base64);
      }
      const requests = editRequests().slice(before);
      expect(requests).toHaveLength(3);
      // One image per request whatever the thread's length, and the earlier instructions travel with the last.
      expect(requests.map((r) => sent(r.body).images)).toEqual([1, 1, 1]);
      const last = sent(requests[2]?.body).text;
      for (const instruction of instructions) expect(last).toContain(instruction);
      for (const instruction of instructions) await turns(sidebar).getByText(instruction, { exact: true }).waitFor();
      await turns(sidebar).getByText('You ·').first().waitFor();

      // Close the sidebar, reload the page: the thread is in the document.
      await post('/api/close', { kind: 'sidebar' });
      await load();
      sidebar = await openSidebar();
      await expect.poll(() => turns(sidebar).count(), WAIT).toBe(4);
      for (const instruction of instructions) await turns(sidebar).getByText(instruction, { exact: true }).waitFor();

      // Restore version 1: the document shows the inserted picture again, byte for byte.
      await sidebar.getByText(/^Versions \(/).click();
      await sidebar.getByRole('img', { name: 'Version 1' }).first().waitFor();
      await sidebar.getByRole('button', { name: 'Restore version 1' }).click();
      await sidebar.getByText(/^Restored version 1/).waitFor();
      await expect.poll(async () => (await theImage()).base64, WAIT).toBe(inserted.base64);
      await expect.poll(() => turns(sidebar).count(), WAIT).toBe(5);

      // A fault during an edit: the document is byte-identical and the thread unchanged.
      const document = JSON.stringify((await state()).document);
      const storeBytes = (await state()).documentStore.bytes;
      workbench.emulator?.inject({ kind: 'image-safety', times: 1 });
      await sidebar.getByRole('textbox', { name: 'What should change' }).fill('Add a second lighthouse');
      await sidebar.getByRole('button', { name: 'Edit', exact: true }).click();
      await sidebar.getByRole('alert').locator('.error-message').waitFor();
      expect(JSON.stringify((await state()).document)).toBe(document);
      expect((await state()).documentStore.bytes).toBe(storeBytes);
      expect(await turns(sidebar).count()).toBe(5);
    });
  }
});
