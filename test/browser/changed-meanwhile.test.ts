/**
 * Two people, one picture, in the workbench, in both hosts: Ada edits the picture; meanwhile Bea (another window,
 * another user) edits and applies it. Ada's Apply then replaces nothing and says so, offering to apply on top or
 * to keep hers as a version; she keeps hers. The document still shows Bea's picture, and Ada's is among the
 * versions. Controls are found by role and name; the workbench state is read only to check outcomes.
 */
import type { FrameLocator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sectionBlocks } from '../../dev/runtime/docs/flow';
import type { DeckState, DocumentState } from '../../dev/runtime/model';
import { chromiumOrSkip } from '../../dev/support/chromium';
import type { HostKind, WorkbenchState } from '../../dev/workbench/protocol';
import { type Lab, openLab } from './lab';

const WAIT = { timeout: 20_000, interval: 50 };
const { executablePath, skip } = chromiumOrSkip('Changed-meanwhile browser tests');

/** The bytes of the one emulator picture in the open document. */
function picture(state: WorkbenchState): string {
  const ids = new Set(state.emulatorImageIds);
  const found =
    state.host === 'deck'
      ? (state.document as DeckState).slides
          .flatMap((s) => s.elements)
          .flatMap((e) => (e.kind === 'image' && ids.has(e.objectId) ? [e.image.base64] : []))
      : sectionBlocks(state.document as DocumentState, 'body')
          .flatMap((b) => b.children)
          .flatMap((c) => (c.kind === 'image' && ids.has(c.id) ? [c.image.base64] : []));
  expect(found).toHaveLength(1);
  return found[0] as string;
}

describe.skipIf(skip)('a picture changed by a collaborator while an edit waits (workbench)', () => {
  let lab: Lab;

  async function sidebarOf(page: Page): Promise<FrameLocator> {
    await page.getByRole('button', { name: 'Extensions' }).click();
    await page.getByRole('menuitem', { name: 'Open Peel' }).click();
    const sidebar = page.getByRole('complementary', { name: 'Peel sidebar' }).locator('iframe').contentFrame();
    await sidebar.getByRole('heading', { level: 1 }).waitFor();
    return sidebar;
  }

  async function editTo(sidebar: FrameLocator, instruction: string): Promise<void> {
    await sidebar.getByRole('heading', { level: 1 }).click();
    await sidebar.getByRole('heading', { name: 'Edit this image' }).waitFor();
    await sidebar.getByRole('textbox', { name: 'What should change' }).fill(instruction);
    await sidebar.getByRole('button', { name: 'Edit', exact: true }).click();
    await sidebar.getByRole('heading', { name: 'Before and after' }).waitFor();
  }

  beforeAll(async () => {
    lab = await openLab('changed', executablePath ?? '', 100);
  });

  afterAll(async () => {
    await lab?.close();
  });

  for (const host of ['deck', 'doc'] as const satisfies readonly HostKind[]) {
    it(`${host}: the second Apply replaces nothing, says so, and keeps the edit as a version`, async () => {
      const page = await lab.openEditor(host, WAIT.timeout);
      const ada = await sidebarOf(page);
      await expect.poll(() => ada.getByRole('button', { name: 'Generate', exact: true }).isEnabled(), WAIT).toBe(true);
      await ada.getByRole('textbox', { name: 'Prompt' }).fill('A lighthouse on a cliff at dawn');
      await ada.getByRole('button', { name: 'Generate', exact: true }).click();
      await ada.getByRole('radiogroup', { name: 'Results' }).getByRole('img').first().waitFor();
      await ada.getByRole('button', { name: 'Insert', exact: true }).click();
      await ada.getByText(/^Inserted:/).waitFor();
      if (host === 'deck') await page.getByRole('button', { name: /^Image from the emulator/ }).click();
      else await page.getByRole('img', { name: /lighthouse/i }).click();
      await editTo(ada, 'Add a red boat on the sea');

      const second = await lab.browser.newPage({ viewport: { width: 1440, height: 900 } });
      try {
        await second.goto(`${lab.workbench.url}/?user=bea@example.com`);
        const bea = await sidebarOf(second);
        await editTo(bea, 'Make it a stormy night');
        await bea.getByRole('button', { name: 'Apply' }).click();
        await bea.getByText(/^Applied:/).waitFor();
      } finally {
        await second.close();
      }
      const beas = picture(await lab.state());

      await ada.getByRole('button', { name: 'Apply' }).click();
      await ada
        .getByText(/A collaborator changed this picture since you last saw it, so nothing was replaced\./)
        .waitFor();
      expect(picture(await lab.state()), 'nothing was overwritten').toBe(beas);
      await ada.getByRole('button', { name: 'Keep mine as a version' }).click();
      await ada.getByText(/^Kept your edit as a version/).waitFor();
      expect(picture(await lab.state()), 'the newer picture stays').toBe(beas);
      await ada.getByText(/^Versions \(2\)/).click();
      // Ada's own edit is in her Drive: its picture opens.
      await expect.poll(() => ada.getByRole('img', { name: 'Version 2' }).count(), WAIT).toBeGreaterThan(0);
    });
  }
});
