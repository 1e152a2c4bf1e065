/**
 * An edit kept to a marked part, end to end in the workbench, in both hosts: the real bundle, the real sidebar
 * (its late part draws the marked copy, compares and composites in Chromium's canvas), the Gemini emulator, which
 * changes the part and, as Gemini does, some of the rest. A person selects the demo's picture, drags a rectangle
 * over the edit view's picture, types the change and presses Edit; the sidebar says how much the model changed
 * outside the part; Keep everything else exactly, then Apply: in the runtime's document, the placed picture's
 * pixels outside the part are the original's. The screenshots are saved to /tmp/region-edit.png (Slides; /tmp/region-edit-doc.png for Docs), showing the figure,
 * with /tmp/region-edit-marked-{deck,doc}.png once the part is marked and /tmp/region-edit-applied-{deck,doc}.png
 * once applied.
 */
import type { FrameLocator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sectionBlocks } from '../../dev/runtime/docs/flow';
import type { DeckState, DocumentState, ImageData } from '../../dev/runtime/model';
import { chromiumOrSkip } from '../../dev/support/chromium';
import { decodeImage } from '../../dev/support/image';
import { type Lab, openLab, openSidebar } from './lab';

const LATENCY_MS = 100;
const WAIT = { timeout: 30_000, interval: 50 };
const { executablePath, skip } = chromiumOrSkip('Region edit browser test');

/**
 * The demo's picture in each host: its object id (Slides keeps it through Apply), or the paragraph it is in (Docs
 * puts the new picture in the old one's place, as a new element).
 */
const DEMO_PICTURE = { deck: 's3-image', doc: 'b-figure' } as const;

describe.skipIf(skip)('an edit kept to a marked part in the workbench', () => {
  let lab: Lab;
  let page: Page;

  beforeAll(async () => {
    lab = await openLab('region-edit', executablePath ?? '', LATENCY_MS);
  });

  afterAll(async () => {
    await lab?.close();
  });

  async function thePicture(host: 'deck' | 'doc'): Promise<ImageData> {
    const document = (await lab.state()).document;
    if (host === 'deck') {
      const element = (document as DeckState).slides
        .flatMap((s) => s.elements)
        .find((e) => e.kind === 'image' && e.objectId === DEMO_PICTURE.deck);
      if (element?.kind !== 'image') throw new Error('the demo picture is gone');
      return element.image;
    }
    const child = sectionBlocks(document as DocumentState, 'body')
      .find((b) => b.id === DEMO_PICTURE.doc)
      ?.children.find((c) => c.kind === 'image');
    if (child?.kind !== 'image') throw new Error('the demo picture is gone');
    return child.image;
  }

  /** The rectangle the drag marks, in the picture's pixels: the overlay shows the picture contained in its box. */
  function dragged(
    box: { x: number; y: number; width: number; height: number },
    picture: { width: number; height: number },
    from: { x: number; y: number },
    to: { x: number; y: number },
  ) {
    const scale = Math.min(box.width / picture.width, box.height / picture.height);
    const left = box.x + (box.width - picture.width * scale) / 2;
    const top = box.y + (box.height - picture.height * scale) / 2;
    const px = (x: number) => (x - left) / scale;
    const py = (y: number) => (y - top) / scale;
    return { left: px(from.x), top: py(from.y), right: px(to.x), bottom: py(to.y) };
  }

  for (const host of ['deck', 'doc'] as const) {
    it(`${host}: mark a part, edit, see what changed outside it, keep everything else, apply`, async () => {
      page = await lab.openEditor(host, WAIT.timeout);
      const sidebar: FrameLocator = await openSidebar(page);
      if (host === 'deck') {
        await page.getByRole('navigation', { name: 'Slides' }).getByRole('button', { name: 'Slide 3' }).click();
        await page.getByRole('button', { name: /^Image: Sunrise over the test plots/ }).click();
      } else {
        await page.getByRole('img', { name: /Sunrise over the test plots/ }).click();
      }
      await sidebar.getByRole('heading', { level: 1 }).click();
      await sidebar.getByRole('heading', { name: 'Edit this image' }).waitFor();
      const original = decodeImage(Buffer.from((await thePicture(host)).base64, 'base64'));

      // Drag across the upper left of the edit view's picture.
      const marker = sidebar.getByRole('application', { name: /^Mark the part to change/ });
      await marker.waitFor();
      const box = await marker.boundingBox();
      if (!box) throw new Error('the picture is not on screen');
      const corner = (fx: number, fy: number) => {
        const scale = Math.min(box.width / original.width, box.height / original.height);
        const left = box.x + (box.width - original.width * scale) / 2;
        const top = box.y + (box.height - original.height * scale) / 2;
        return { x: left + original.width * scale * fx, y: top + original.height * scale * fy };
      };
      const from = corner(0.08, 0.1);
      const to = corner(0.45, 0.5);
      await page.mouse.move(from.x, from.y);
      await page.mouse.down();
      await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 4 });
      await page.mouse.move(to.x, to.y, { steps: 4 });
      await page.mouse.up();
      await sidebar.getByText('The next edit keeps to the marked part.').waitFor();
      await page.screenshot({ path: `/tmp/region-edit-marked-${host}.png` });
      const marked = dragged(box, original, from, to);

      const before = (lab.workbench.emulator?.requests ?? []).length;
      await sidebar.getByRole('textbox', { name: 'What should change' }).fill('Put a hot-air balloon here');
      await sidebar.getByRole('button', { name: 'Edit', exact: true }).click();
      await sidebar.getByRole('heading', { name: 'Before and after' }).waitFor();

      // The request carried the picture and its marked copy, and the words naming the part.
      const sent = (lab.workbench.emulator?.requests ?? [])
        .slice(before)
        .filter((r) => r.path.includes(':generateContent'));
      expect(sent).toHaveLength(1);
      const body = JSON.stringify(sent[0]?.body);
      expect(body.match(/"inlineData"/g)).toHaveLength(2);
      expect(body).toMatch(
        /Change only the part inside the (green|magenta|blue|cyan|red|yellow) rectangle, at the upper left; keep everything else exactly as it is\./,
      );
      expect(body).toContain('Put a hot-air balloon here');

      // What the model changed outside the part, then keep the rest.
      const figure = sidebar.getByText(/^The model changed (\d+|<1)% of the picture outside the marked part\.$/);
      await figure.waitFor();
      const share = Number((/changed (\d+)%/.exec((await figure.textContent()) ?? '') ?? [])[1] ?? 0);
      expect(share).toBeGreaterThan(0);
      await sidebar
        .getByRole('region', { name: 'Before and after' })
        .screenshot({ path: host === 'deck' ? '/tmp/region-edit.png' : '/tmp/region-edit-doc.png' });
      await sidebar.getByRole('button', { name: 'Keep everything else exactly' }).click();
      await sidebar.getByText('Everything outside the marked part is as it was.', { exact: true }).waitFor();
      await sidebar.getByRole('button', { name: 'Apply' }).click();
      await sidebar.getByText(/^Applied:/).waitFor();
      await page.screenshot({ path: `/tmp/region-edit-applied-${host}.png` });

      // In the document: the picture's pixels outside the part (a pixel's rounding either side) are the original's,
      // and inside it the model's change shows.
      const placed = decodeImage(Buffer.from((await thePicture(host)).base64, 'base64'));
      expect([placed.width, placed.height]).toEqual([original.width, original.height]);
      let outsideDiffering = 0;
      let insideDiffering = 0;
      let inside = 0;
      for (let y = 0; y < placed.height; y++) {
        for (let x = 0; x < placed.width; x++) {
          const i = (y * placed.width + x) * 4;
          const differs = [0, 1, 2].some((c) => placed.data[i + c] !== original.data[i + c]);
          const near =
            x >= marked.left - 1.5 && x < marked.right + 1.5 && y >= marked.top - 1.5 && y < marked.bottom + 1.5;
          const well = x >= marked.left + 8 && x < marked.right - 8 && y >= marked.top + 8 && y < marked.bottom - 8;
          if (!near && differs) outsideDiffering++;
          if (well) {
            inside++;
            if (differs) insideDiffering++;
          }
        }
      }
      expect(outsideDiffering).toBe(0);
      expect(insideDiffering / inside).toBeGreaterThan(0.5);
    });
  }
});
