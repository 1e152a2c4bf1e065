/**
 * The long report in the workbench, driven in Chromium as a person would: the page draws what real documents
 * hold (a table, footnote marks, a header with a logo, a page break, a positioned image); a click in a table
 * cell puts the cursor there and Peel's picture lands in that cell, inside its column on screen; a click in the
 * header gets the sidebar's sentence instead. The workbench's state is read only to check the outcome.
 */
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sectionBlocks } from '../../dev/runtime/docs/flow';
import type { DocumentState } from '../../dev/runtime/model';
import { chromiumOrSkip } from '../../dev/support/chromium';
import { type Lab, openLab, readySidebar as openReadySidebar } from './lab';

const LATENCY_MS = 100;
const WAIT = { timeout: 10_000, interval: 50 };

const { executablePath, skip } = chromiumOrSkip('Long report browser tests');

describe.skipIf(skip)('the long report in the workbench', () => {
  let lab: Lab;
  let page: Page;

  const doc = async () => (await lab.state()).document as DocumentState;

  beforeAll(async () => {
    lab = await openLab('report', executablePath ?? '', LATENCY_MS);
  });

  afterAll(async () => {
    await lab?.close();
  });

  /** Set-up: the report demo (the workbench's "Open demo…" does the same), a new page, onOpen run. */
  async function openReport(): Promise<void> {
    await lab.post('/api/reset', { demo: 'report' });
    page = await lab.newPage(WAIT.timeout);
    await page.goto(lab.workbench.url);
    await expect.poll(async () => (await lab.state()).menus.length, WAIT).toBeGreaterThan(0);
  }

  const readySidebar = (): Promise<FrameLocator> => openReadySidebar(page, WAIT.timeout);

  /** A click `dx` pixels into the words, once they are on screen and nothing covers them. */
  async function clickInText(text: string, dx: number): Promise<void> {
    await page
      .locator('.doc-page')
      .getByText(text, { exact: true })
      .first()
      .click({ position: { x: dx, y: 6 } });
  }

  it('draws the table, footnote marks, header logo, page break and positioned image', async () => {
    await openReport();
    const table = page.locator('table.doc-table');
    await expect.poll(() => table.getByRole('cell').count(), WAIT).toBe(20);
    expect(await table.getByRole('cell', { name: 'North ridge' }).count()).toBe(1);
    expect(await page.locator('sup.footnote-ref').count()).toBe(3);
    expect(await page.getByRole('img', { name: 'Northwind Research logo' }).count()).toBe(1);
    expect(await page.getByRole('separator', { name: 'Page break' }).count()).toBe(1);
    expect(await page.getByRole('img', { name: /^Floating graphic/ }).count()).toBe(1);
    const footnotes = page.getByRole('region', { name: 'Footnotes' });
    expect(await footnotes.getByText(/^Compared with the same weeks/).count()).toBe(1);
  });

  it('inserts at a cursor placed in a table cell, in that cell and inside its column', async () => {
    await openReport();
    const sidebar = await readySidebar();
    await clickInText('River flats', 20);
    await expect.poll(async () => (await doc()).selection.cursor?.blockId, WAIT).toBe('r-table-3-1');

    const prompt = 'Water flowing between rows of crops on river flats.';
    await sidebar.getByRole('textbox', { name: 'Prompt' }).fill(prompt);
    await sidebar.getByRole('button', { name: 'Generate', exact: true }).click();
    await sidebar.getByRole('radiogroup', { name: 'Results' }).getByRole('img').first().waitFor();
    await sidebar.getByRole('button', { name: 'Insert', exact: true }).click();
    await sidebar.getByRole('status').filter({ hasText: 'Inserted: After this paragraph.' }).waitFor();

    // In the cell, in a paragraph of its own after the words clicked.
    const blocks = sectionBlocks(await doc(), 'body');
    const index = blocks.findIndex((b) => b.id === 'r-table-3-1');
    expect(blocks[index]?.children.map((c) => c.kind)).toEqual(['text']);
    expect(blocks[index + 1]?.children.map((c) => c.kind)).toEqual(['image']);
    const picture = page.getByRole('img', { name: prompt.replace(/\.$/, '') });
    const drawn = await picture.boundingBox();
    const column = await page.locator('table.doc-table td', { has: picture }).boundingBox();
    if (!drawn || !column) throw new Error('The inserted picture is not on screen in a cell');
    expect(drawn.x).toBeGreaterThanOrEqual(column.x - 0.5);
    expect(drawn.x + drawn.width).toBeLessThanOrEqual(column.x + column.width + 0.5);
    await picture.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(tmpdir(), 'peel-report-table-insert.png') });
  });

  it('says in the sidebar that no image goes in the header', async () => {
    await openReport();
    const sidebar = await readySidebar();
    await clickInText('Northwind Research · Annual field report 2025', 30);
    await expect.poll(async () => (await doc()).selection.cursor?.section, WAIT).toBe('header');
    // The sidebar reads the selection when the pointer comes back to it.
    await sidebar.getByRole('textbox', { name: 'Prompt' }).click();
    await expect
      .poll(() => sidebar.getByText(/can’t put an image in a header or footer/).count(), WAIT)
      .toBeGreaterThan(0);
  });

  it('illustrates the document: a picture under each section, after its first paragraph, in Docs words', async () => {
    await openReport();
    const sidebar = await readySidebar();
    await sidebar.getByRole('button', { name: 'Illustrate the document' }).click();
    await sidebar.getByRole('heading', { name: 'Illustrate the document' }).waitFor();
    // Five sections with words; the appendix, which shows a figure already, is offered unticked.
    const appendix = sidebar.getByRole('checkbox', { name: 'Section 6: Appendix: the sites' });
    expect(await appendix.isChecked()).toBe(false);
    expect(await sidebar.getByRole('checkbox', { name: 'Section 3: Water use' }).isChecked()).toBe(true);
    await sidebar.getByText(/^4 images, estimated \$/).waitFor();
    await appendix.check();
    await sidebar.getByRole('button', { name: 'Start: 5 images' }).click();
    await sidebar.getByRole('list', { name: 'Sections' }).waitFor();
    await sidebar.getByText(/^5 of 5 drawn/).waitFor({ timeout: 30_000 });
    await sidebar.getByRole('button', { name: 'Accept all (5)' }).click();
    await sidebar.getByText('Placed 5 images.').waitFor({ timeout: 30_000 });

    const after = await doc();
    const emulated = new Set((await lab.state()).emulatorImageIds);
    for (const anchor of ['r-summary', 'r-water', 'r-soil', 'r-methods', 'r-appendix']) {
      const next = after.body[after.body.findIndex((b) => b.id === anchor) + 1];
      const image = next?.kind !== 'table' ? next?.children[0] : undefined;
      expect(image?.kind === 'image' && emulated.has(image.id), `a picture after ${anchor}`).toBe(true);
    }
    // Nothing went into the header, the footnotes or the table.
    const others = [...sectionBlocks(after, 'header'), ...after.footnotes];
    expect(others.flatMap((b) => b.children.filter((c) => c.kind === 'image' && emulated.has(c.id)))).toEqual([]);
    const table = after.body.find((b) => b.kind === 'table');
    expect(JSON.stringify(table)).not.toContain('"kind":"image"');
    await page.getByRole('img', { name: 'Illustration: Water use' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(tmpdir(), 'peel-illustrated-document.png') });
  }, 90_000);
});
