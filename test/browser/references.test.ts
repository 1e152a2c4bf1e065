/**
 * Issue 12 end to end in the workbench: the real bundle, the real sidebar, the Gemini emulator. A person blends
 * two pictures selected on a slide, restyles a slide's picture with a style image from the computer, pins a
 * character and uses her on two slides, and is refused (with a sentence, nothing sent) over the model's limit
 * and for files that are no image Gemini reads. Controls are found by role and name, as a person finds them;
 * the workbench state and the emulator's request log are read only to check outcomes.
 */
import type { FrameLocator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { referenceTiles } from '../../dev/emulator/synth';
import type { DeckState } from '../../dev/runtime/model';
import { chromiumOrSkip } from '../../dev/support/chromium';
import { decodeImage, encodePng, imageSize, type Rgba } from '../../dev/support/image';
import type { Workbench } from '../../dev/workbench/server';
import { zeroPng } from '../support/image-headers';
import { type Lab, openLab } from './lab';

const LATENCY_MS = 100;
const WAIT = { timeout: 20_000, interval: 50 };
const { executablePath, skip } = chromiumOrSkip('Reference image browser tests');

interface Sent {
  readonly images: readonly string[];
  readonly text: string;
}

/** A picture made here: two halves of different colours, so where it lands can be recognised. */
function twoTone(width: number, height: number, left: number[], right: number[]): Buffer {
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const c = x < width / 2 ? left : right;
      data.set([c[0] ?? 0, c[1] ?? 0, c[2] ?? 0, 255], (y * width + x) * 4);
    }
  }
  return Buffer.from(encodePng({ width, height, data }));
}

/** Mean colours of a 3 × 3 grid over the inner part of a region (the tile's frame and number left out). */
function grid(image: Rgba, box: { x: number; y: number; width: number; height: number }): number[] {
  const out: number[] = [];
  const x0 = box.x + box.width * 0.2;
  const y0 = box.y + box.height * 0.2;
  const w = box.width * 0.75;
  const h = box.height * 0.75;
  for (let gy = 0; gy < 3; gy++) {
    for (let gx = 0; gx < 3; gx++) {
      const sum = [0, 0, 0];
      let n = 0;
      for (let y = Math.floor(y0 + (gy * h) / 3); y < Math.floor(y0 + ((gy + 1) * h) / 3); y++) {
        for (let x = Math.floor(x0 + (gx * w) / 3); x < Math.floor(x0 + ((gx + 1) * w) / 3); x++) {
          const i = (y * image.width + x) * 4;
          for (let c = 0; c < 3; c++) sum[c] = (sum[c] ?? 0) + (image.data[i + c] ?? 0);
          n++;
        }
      }
      out.push(...sum.map((s) => s / Math.max(1, n)));
    }
  }
  return out;
}

const whole = (image: Rgba) => ({ x: 0, y: 0, width: image.width, height: image.height });
const distance = (a: number[], b: number[]) => a.reduce((sum, v, i) => sum + Math.abs(v - (b[i] ?? 0)), 0) / a.length;

describe.skipIf(skip)('reference images in the workbench (issue 12)', () => {
  let lab: Lab;
  let workbench: Workbench;
  let page: Page;

  async function openSidebar(): Promise<FrameLocator> {
    await page.getByRole('button', { name: 'Extensions' }).click();
    await page.getByRole('menuitem', { name: 'Open Peel' }).click();
    const sidebar = page.getByRole('complementary', { name: 'Peel sidebar' }).locator('iframe').contentFrame();
    await sidebar.getByRole('heading', { level: 1 }).waitFor();
    await expect
      .poll(() => sidebar.getByRole('button', { name: 'Generate', exact: true }).isEnabled(), WAIT)
      .toBe(true);
    return sidebar;
  }

  /** The editor has taken the click: the workbench's selection holds these elements (none: a slide). */
  async function selected(count: number, pageId?: string): Promise<void> {
    await expect
      .poll(async () => {
        const { selection } = (await lab.state()).document as DeckState;
        return pageId === undefined || selection.pageId === pageId ? selection.elementIds.length : -1;
      }, WAIT)
      .toBe(count);
  }

  /** Back in the sidebar after clicking in the editor: its focus re-reads the selection, as a person's does. */
  const backToSidebar = (sidebar: FrameLocator) => sidebar.getByRole('heading', { level: 1 }).click();

  const generateRequests = () =>
    (workbench.emulator?.requests ?? []).filter((r) => r.path.includes(':generateContent'));

  function sent(body: unknown): Sent {
    const contents = (body as { contents?: { parts?: { text?: string; inlineData?: { data: string } }[] }[] }).contents;
    const parts = (contents ?? []).flatMap((c) => c.parts ?? []);
    return {
      images: parts.flatMap((p) => (p.inlineData ? [p.inlineData.data] : [])),
      text: parts.map((p) => p.text ?? '').join('\n'),
    };
  }

  const calledFunctions = async () => (await lab.state()).executions.map((e) => e.functionName);

  function slideImages(deck: DeckState): { id: string; base64: string }[] {
    return deck.slides
      .flatMap((s) => s.elements)
      .flatMap((e) => (e.kind === 'image' ? [{ id: e.objectId, base64: e.image.base64 }] : []));
  }

  const tray = (sidebar: FrameLocator) => sidebar.getByRole('list', { name: 'Reference tray' }).getByRole('listitem');
  const prompt = (sidebar: FrameLocator) => sidebar.getByRole('textbox', { name: 'Prompt' });

  /** The prompt as Generate will send it, shown live under the prompt box while references are in the tray. */
  const sentAs = (sidebar: FrameLocator) => sidebar.getByRole('textbox', { name: 'Sent as' });

  /**
   * Generate as a person does with references: the words naming each image show under the prompt as they will
   * be sent (`edit` changes them there first), one press sends, then Insert. Answers what was shown.
   */
  async function generateAndInsert(
    sidebar: FrameLocator,
    words: string,
    edit?: (shown: string) => string,
  ): Promise<string> {
    await prompt(sidebar).fill(words);
    await expect.poll(() => sentAs(sidebar).inputValue(), WAIT).toMatch(/^Images? 1 /);
    if (edit) await sentAs(sidebar).fill(edit(await sentAs(sidebar).inputValue()));
    const shown = await sentAs(sidebar).inputValue();
    await sidebar.getByRole('button', { name: 'Generate', exact: true }).click();
    await sidebar.getByRole('status').filter({ hasText: /ready/ }).waitFor();
    // The box keeps the person's own words: Peel's wording lives under it.
    expect(await prompt(sidebar).inputValue()).toBe(words);
    await sidebar.getByRole('button', { name: 'Insert', exact: true }).click();
    await sidebar.getByText(/^Inserted:/).waitFor();
    return shown;
  }

  beforeAll(async () => {
    lab = await openLab('issue12', executablePath ?? '', LATENCY_MS);
    ({ workbench } = lab);
  });

  afterAll(async () => {
    await lab?.close();
  });

  it('blends two pictures selected on a slide: the prompt names both, and the new picture shows each of them', async () => {
    page = await lab.openEditor('deck', WAIT.timeout);
    const sidebar = await openSidebar();
    // Slide 3 of the demo deck has two pictures: the sunrise and the team's badge.
    await page.getByRole('navigation', { name: 'Slides' }).getByRole('button', { name: 'Slide 3' }).click();
    const before = slideImages((await lab.state()).document as DeckState);
    expect(before.map((i) => i.id)).toEqual(['s3-image', 's3-badge']);

    await page.getByRole('button', { name: /^Image: Sunrise over the test plots/ }).click();
    await page.getByRole('button', { name: /^Image: The field team’s badge/ }).click({ modifiers: ['Shift'] });
    await selected(2);
    await backToSidebar(sidebar);
    await sidebar.getByText(/2 pictures are selected/).waitFor();
    await sidebar.getByRole('button', { name: 'Use the 2 selected pictures' }).click();
    await expect.poll(() => tray(sidebar).count(), WAIT).toBe(2);
    await sidebar.getByRole('img', { name: /^Reference 2:/ }).waitFor();

    const requestsBefore = generateRequests().length;
    // The person edits the wording under the prompt: it is sent as edited, with the first press.
    const shown = await generateAndInsert(sidebar, 'A picnic', (live) =>
      live.replace('Combine them into one new image', 'Put them together in one sunny picture'),
    );
    expect(shown).toMatch(/^Images 1 and 2 are the subjects\. A picnic\. Put them together in one sunny picture/);
    const requests = generateRequests().slice(requestsBefore);
    expect(requests).toHaveLength(1);
    const blend = sent(requests[0]?.body);
    // The prompt the box showed is the prompt sent, and the references travel in tray order.
    expect(blend.text).toContain(shown);
    const sunrise = before.find((i) => i.id === 's3-image')?.base64;
    const badge = before.find((i) => i.id === 's3-badge')?.base64;
    expect(blend.images).toEqual([sunrise, badge]);

    // The inserted blend: the emulator draws each reference in its own tile, in request order.
    const after = slideImages((await lab.state()).document as DeckState);
    const made = after.find((i) => !before.some((b) => b.id === i.id));
    const picture = decodeImage(Buffer.from(made?.base64 ?? '', 'base64'));
    const references = [sunrise, badge].map((b64) => decodeImage(Buffer.from(b64 ?? '', 'base64')));
    const tiles = referenceTiles(picture.width, picture.height, 2);
    for (const [i, tile] of tiles.entries()) {
      const seen = grid(picture, tile);
      const own = distance(seen, grid(references[i] as Rgba, whole(references[i] as Rgba)));
      const other = distance(seen, grid(references[1 - i] as Rgba, whole(references[1 - i] as Rgba)));
      expect(own).toBeLessThan(other);
      expect(own).toBeLessThan(40);
    }
  });

  it('restyles a slide’s picture with a style image from the computer, scaled in the browser', async () => {
    page = await lab.openEditor('deck', WAIT.timeout);
    const sidebar = await openSidebar();
    await page.getByRole('navigation', { name: 'Slides' }).getByRole('button', { name: 'Slide 3' }).click();
    await page.getByRole('button', { name: /^Image: Sunrise over the test plots/ }).click();
    await selected(1);
    await backToSidebar(sidebar);
    await sidebar.getByRole('heading', { name: 'Edit this image' }).waitFor();

    // 3000 × 1000, opaque: scaled to 1536 × 512 and sent as JPEG.
    const style = twoTone(3000, 1000, [20, 60, 200], [250, 210, 20]);
    await sidebar
      .getByLabel('From the computer…')
      .setInputFiles({ name: 'style.png', mimeType: 'image/png', buffer: style });
    await sidebar.getByRole('img', { name: 'Reference 1: style.png' }).waitFor();
    await sidebar.getByRole('button', { name: 'Restyle this picture like reference 1' }).click();
    const instruction = sidebar.getByRole('textbox', { name: 'What should change' });
    await expect
      .poll(() => instruction.inputValue(), WAIT)
      .toMatch(/^Redraw the content of image 1 in the style of image 2/);

    const written = await instruction.inputValue();
    const original = slideImages((await lab.state()).document as DeckState).find((i) => i.id === 's3-image');
    const requestsBefore = generateRequests().length;
    await sidebar.getByRole('button', { name: 'Edit', exact: true }).click();
    await sidebar.getByRole('heading', { name: 'Before and after' }).waitFor();
    await sidebar.getByRole('button', { name: 'Apply' }).click();
    await sidebar.getByText(/^Applied:/).waitFor();

    const requests = generateRequests().slice(requestsBefore);
    expect(requests).toHaveLength(1);
    const edit = sent(requests[0]?.body);
    // What the box showed is what was sent; the picture first, the style after it.
    expect(edit.text).toContain(written);
    expect(edit.images).toHaveLength(2);
    expect(edit.images[0]).toBe(original?.base64);
    const styleSent = Buffer.from(edit.images[1] ?? '', 'base64');
    expect(imageSize(styleSent)).toEqual({ width: 1536, height: 512 });
    // JPEG: an opaque picture that had to be scaled is re-encoded.
    expect([...styleSent.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
    // The picture in the document changed, in place.
    const now = slideImages((await lab.state()).document as DeckState).find((i) => i.id === 's3-image');
    expect(now?.base64).not.toBe(original?.base64);
  });

  it('an edit with a reference sends at the first press, worded as shown under the instruction', async () => {
    page = await lab.openEditor('deck', WAIT.timeout);
    const sidebar = await openSidebar();
    await page.getByRole('navigation', { name: 'Slides' }).getByRole('button', { name: 'Slide 3' }).click();
    await page
      .getByRole('button', { name: /^Image: / })
      .first()
      .click();
    await selected(1);
    await backToSidebar(sidebar);
    await sidebar.getByRole('heading', { name: 'Edit this image' }).waitFor();
    await sidebar.getByLabel('From the computer…').setInputFiles({
      name: 'hat.png',
      mimeType: 'image/png',
      buffer: twoTone(400, 300, [200, 30, 30], [30, 30, 30]),
    });
    await sidebar.getByRole('img', { name: 'Reference 1: hat.png' }).waitFor();
    await sidebar.getByRole('textbox', { name: 'What should change' }).fill('Add this hat to the scene');
    // The words as Edit will send them, naming the picture and the reference, live under the instruction.
    await expect.poll(() => sentAs(sidebar).inputValue(), WAIT).toMatch(/Add this hat to the scene/);
    const shown = await sentAs(sidebar).inputValue();
    expect(shown).toMatch(/image 2/i);
    const requestsBefore = generateRequests().length;
    await sidebar.getByRole('button', { name: 'Edit', exact: true }).click();
    await sidebar.getByRole('heading', { name: 'Before and after' }).waitFor();
    const requests = generateRequests().slice(requestsBefore);
    expect(requests).toHaveLength(1);
    const edit = sent(requests[0]?.body);
    expect(edit.text).toContain(shown);
    expect(edit.images).toHaveLength(2);
    // The box keeps what the person typed.
    expect(await sidebar.getByRole('textbox', { name: 'What should change' }).inputValue()).toBe(
      'Add this hat to the scene',
    );
  });

  it('pins a character and uses her on two slides: both requests carry the same reference', async () => {
    page = await lab.openEditor('deck', WAIT.timeout);
    const sidebar = await openSidebar();
    await page.getByRole('navigation', { name: 'Slides' }).getByRole('button', { name: 'Slide 3' }).click();
    await page.getByRole('button', { name: /^Image: Sunrise over the test plots/ }).click();
    await selected(1);
    await backToSidebar(sidebar);
    await sidebar.getByRole('button', { name: 'Use as reference' }).click();
    await sidebar.getByRole('img', { name: /^Reference 1:/ }).waitFor();
    await sidebar.getByRole('button', { name: 'Pin reference 1 with a name' }).click();
    await sidebar.getByRole('textbox', { name: /^Name for reference 1/ }).fill('Mira');
    await sidebar.getByRole('button', { name: 'Pin', exact: true }).click();
    await sidebar.getByRole('button', { name: '@Mira' }).waitFor();
    // Out of the tray again: typing her name brings her back.
    await sidebar.getByRole('button', { name: /^Remove reference 1/ }).click();
    await expect.poll(() => tray(sidebar).count(), WAIT).toBe(0);

    const requestsBefore = generateRequests().length;
    // Slide 2 is full of text; slide 3 has room in its picture placeholder, and slide 1 puts her on a new slide
    // after it (its free space is small), which is why slide 3 goes first: its number stays.
    for (const slide of ['Slide 3', 'Slide 1']) {
      await page.getByRole('navigation', { name: 'Slides' }).getByRole('button', { name: slide }).click();
      await selected(0, slide === 'Slide 1' ? 'slide-1' : 'slide-3');
      await backToSidebar(sidebar);
      // A Generate keeps the sidebar on new images until a picture is selected again.
      await sidebar.getByRole('heading', { name: 'Generate an image', level: 1 }).waitFor();
      await prompt(sidebar).fill(`@Mira on ${slide.toLowerCase()}`);
      await expect.poll(() => tray(sidebar).count(), WAIT).toBe(1);
      const shown = await generateAndInsert(sidebar, `@Mira on ${slide.toLowerCase()}`);
      expect(shown).toMatch(/^Image 1 is the subject \(Mira\)\. Mira on slide/);
    }
    const requests = generateRequests()
      .slice(requestsBefore)
      .map((r) => sent(r.body));
    expect(requests).toHaveLength(2);
    expect(requests[0]?.images).toHaveLength(1);
    expect(requests[1]?.images).toEqual(requests[0]?.images);
    // …and they are the picture she was pinned from.
    const sunrise = slideImages((await lab.state()).document as DeckState).find((i) => i.id === 's3-image');
    expect(requests[0]?.images).toEqual([sunrise?.base64]);
    // Her bytes came down once for the tray, never again.
    const calls = await calledFunctions();
    expect(calls.filter((n) => n === 'useNamedReference').length).toBeLessThanOrEqual(1);
  }, 60_000);

  it('gives files Gemini cannot read, or too large to open, a sentence, and sends nothing', async () => {
    page = await lab.openEditor('deck', WAIT.timeout);
    const sidebar = await openSidebar();
    const requestsBefore = generateRequests().length;

    const bad = [
      { name: 'notes.png', mimeType: 'image/png', buffer: Buffer.from('These are my notes, not a picture.') },
      { name: 'cat.gif', mimeType: 'image/gif', buffer: Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1') },
      // A real PNG of 3.6 gigapixels: refused by its header, so the browser never decodes it.
      { name: 'bomb.png', mimeType: 'image/png', buffer: zeroPng(60_000, 60_000) },
    ];
    await sidebar.getByLabel('From the computer…').setInputFiles(bad);
    const alert = sidebar.getByRole('alert').filter({ hasText: 'notes.png' });
    await alert.waitFor();
    expect(await alert.textContent()).toBe(
      'notes.png is not a PNG, JPEG, WebP or HEIC image. cat.gif is a GIF, which Gemini does not read: use a PNG, JPEG, WebP or HEIC file. ' +
        'bomb.png is 60000×60000 pixels (3,600 megapixels); Peel takes pictures of at most 50 megapixels.',
    );
    expect(await calledFunctions()).not.toContain('uploadReference');
    expect(generateRequests().length).toBe(requestsBefore);
    await sidebar.getByRole('heading', { name: 'Reference images (0 of 14)' }).waitFor();
  });

  it('refuses more references than the model takes with a sentence, and sends nothing', async () => {
    page = await lab.openEditor('deck', WAIT.timeout);
    const sidebar = await openSidebar();
    const requestsBefore = generateRequests().length;
    // The models in the menu take 14: fifteen at once are refused whole, and nothing is uploaded.
    const files = Array.from({ length: 15 }, (_, i) => ({
      name: `ref${i + 1}.png`,
      mimeType: 'image/png',
      buffer: twoTone(32, 24, [i * 16, 255 - i * 16, 90], [255, 255, 255]),
    }));
    await sidebar.getByLabel('From the computer…').setInputFiles(files);
    await sidebar
      .getByRole('alert')
      .filter({ hasText: 'takes up to 14 reference images: there is room for 14 more, not 15.' })
      .waitFor();
    expect(await calledFunctions()).not.toContain('uploadReference');
    // Fourteen fit; the fifteenth then finds the tray full, and nothing more is sent.
    await sidebar.getByLabel('From the computer…').setInputFiles(files.slice(0, 14));
    await expect.poll(() => tray(sidebar).count(), WAIT).toBe(14);
    await sidebar.getByLabel('From the computer…').setInputFiles(files.slice(14));
    await sidebar.getByRole('alert').filter({ hasText: 'the tray is full: remove one first.' }).waitFor();
    expect((await calledFunctions()).filter((n) => n === 'uploadReference')).toHaveLength(14);
    expect(await tray(sidebar).count()).toBe(14);
    expect(generateRequests().length).toBe(requestsBefore);
  });

  it('takes a picture from the deck’s picker and a file dropped on the tray, and sends both', async () => {
    page = await lab.openEditor('deck', WAIT.timeout);
    const sidebar = await openSidebar();
    const badge = slideImages((await lab.state()).document as DeckState).find((i) => i.id === 's3-badge')?.base64;
    await sidebar.getByRole('button', { name: 'From this deck…' }).click();
    await sidebar
      .getByRole('list', { name: 'Pictures in this document' })
      .getByRole('button', { name: /^Slide 3, picture 2 – The field team’s badge/ })
      .click();
    await expect.poll(() => tray(sidebar).count(), WAIT).toBe(1);

    // A file dropped on the tray, as a browser delivers it: a drop event carrying the file.
    const dropped = twoTone(64, 48, [200, 30, 30], [30, 30, 200]);
    await sidebar.getByRole('region', { name: /^Reference images/ }).evaluate((section, base64) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const data = new DataTransfer();
      data.items.add(new File([bytes], 'dropped.png', { type: 'image/png' }));
      section.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    }, dropped.toString('base64'));
    await expect.poll(() => tray(sidebar).count(), WAIT).toBe(2);
    await sidebar.getByText('dropped.png').waitFor();

    const requestsBefore = generateRequests().length;
    await prompt(sidebar).fill('A badge on a flag');
    await expect.poll(() => sentAs(sidebar).inputValue(), WAIT).toMatch(/^Images? 1 /);
    // One press sends.
    await sidebar.getByRole('button', { name: 'Generate', exact: true }).click();
    await sidebar.getByRole('status').filter({ hasText: /ready/ }).waitFor();
    const [request] = generateRequests().slice(requestsBefore);
    const images = sent(request?.body).images;
    expect(images).toHaveLength(2);
    expect(images[0]).toBe(badge);
    // Small enough to need no scaling: the dropped file goes as it is.
    expect(images[1]).toBe(dropped.toString('base64'));
  });
});
