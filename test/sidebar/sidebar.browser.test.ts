/**
 * The built sidebar (dist/Sidebar.html, built by the global setup) in headless Chromium at the editor's 300 px,
 * against the fake google.script.run in fake-google.ts. Controls are found by role and accessible name, as a
 * screen reader user finds them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumOrSkip } from '../../dev/support/chromium';
import type { FakeConfig } from './fake-google';
import {
  COMMON,
  calls,
  IMAGES,
  MODELS,
  type Opened,
  promptAndGenerate,
  type SidebarHarness,
  SLIDE,
  setGenerate,
  setTarget,
  startSidebar,
} from './sidebar-page';

const { executablePath, skip } = chromiumOrSkip('Sidebar browser tests');

describe.skipIf(skip)('the sidebar in a browser', () => {
  let sidebar: SidebarHarness;

  beforeAll(async () => {
    sidebar = await startSidebar(executablePath ?? '');
  });

  afterAll(async () => {
    await sidebar?.close();
  });

  const open = (overrides: Partial<FakeConfig> = {}): Promise<Opened> => sidebar.open(overrides);

  it('generates with Ctrl+Enter and shows previews with the estimated and the actual cost', async () => {
    const { page, external } = await open();
    // The document's total from the sidebar's context, before anything is generated here.
    await page.getByText('This document so far: $0.40').waitFor();
    await page.getByRole('combobox', { name: 'Variants' }).selectOption('2');
    await expect.poll(() => page.getByText(/Estimated cost/).textContent()).toBe('Estimated cost: $0.067 (2 × $0.034)');

    const readingsBefore = (await calls(page, 'getTarget')).length;
    await promptAndGenerate(page, 'A lighthouse at dawn, watercolour');
    const radios = page.getByRole('radiogroup', { name: 'Results' }).getByRole('radio');
    await expect.poll(() => radios.count()).toBe(2);
    expect(await page.getByRole('radio', { name: /Variant 1 of 2: A lighthouse at dawn/ }).isChecked()).toBe(true);
    expect(await page.getByRole('img', { name: /Variant 2 of 2: A lighthouse/ }).getAttribute('src')).toMatch(
      /^data:image\/png;base64,iVBOR/,
    );
    expect(await page.getByText('Cost: $0.067 for 2 images').isVisible()).toBe(true);
    expect(await page.getByText('This document so far: $0.47').isVisible()).toBe(true);
    expect(await page.getByRole('status').first().textContent()).toContain('2 images ready');

    // One call per variant, each the same request.
    const request = {
      prompt: 'A lighthouse at dawn, watercolour',
      model: 'gemini-nano-banana-2.1',
      aspectRatio: '16:9',
      imageSize: '1K',
      documentCostUsd: 0.4,
      // Generate reads where the image goes itself (the user may have clicked elsewhere in the editor) and draws
      // at the ratio that fits it: no reading of the selection before it.
      selection: 'fit',
      // No choice of place made: where the target says.
      where: null,
      // This reading names no place the server kept: Generate reads the selection itself.
      placeId: null,
    };
    expect(await calls(page, 'generateImage')).toEqual([[request], [request]]);
    expect((await calls(page, 'getTarget')).length).toBe(readingsBefore);

    await page.getByRole('radio', { name: /Variant 2 of 2/ }).focus();
    await page.screenshot({ path: '/tmp/sidebar.png', fullPage: true });
    expect(external).toEqual([]);
    await page.close();
  });

  it('shows a rejected key as a plain sentence, the next step and the service’s words as text', async () => {
    const { page } = await open();
    await setGenerate(page, 'keyInvalid');
    await promptAndGenerate(page, 'A lighthouse');
    const alert = page.getByRole('alert');
    await expect.poll(() => alert.textContent()).toContain('Google did not accept this API key.');
    const text = (await alert.textContent()) ?? '';
    expect(text).toContain('Check the key in Settings, or create a new one in Google AI Studio.');
    expect(text).toContain('API key not valid. Please pass a valid API key. <b>bold</b>');
    expect(await alert.locator('b').count()).toBe(0);
    expect(text).not.toMatch(/at \w+ \(|Error:/);
    await page.screenshot({ path: '/tmp/sidebar-error.png', fullPage: true });

    await alert.getByRole('button', { name: 'Open Settings' }).click();
    await page.getByRole('heading', { name: 'Settings' }).waitFor();
    // Settings is in the late part: the heading is drawn before the part has come.
    await page.getByText('AIza…1234').waitFor();
    expect(await page.getByText('AIza…1234').isVisible()).toBe(true);
    await page.close();
  });

  it('a permission the person did not grant: the sentence, and Google’s page for it as a link in a new window', async () => {
    const { page } = await open();
    await setGenerate(page, 'notGranted');
    await promptAndGenerate(page, 'A lighthouse');
    const alert = page.getByRole('alert');
    await expect.poll(() => alert.textContent()).toContain('Connect to an external service');
    const link = alert.getByRole('link', { name: 'Grant permission' });
    expect(await link.getAttribute('href')).toBe(
      'https://script.google.com/macros/authorize?scope=script.external_request',
    );
    expect(await link.getAttribute('target')).toBe('_blank');
    // A page that is not a web address never becomes a link.
    await setGenerate(page, 'notGrantedScript');
    await promptAndGenerate(page, 'A lighthouse again');
    await expect.poll(() => alert.getByRole('link').count()).toBe(0);
    await page.close();
  });

  it('Cancel stops waiting; the late result is never shown and its images are discarded', async () => {
    const { page } = await open();
    await setGenerate(page, 'hold');
    await promptAndGenerate(page, 'A lighthouse');
    const timer = page.getByRole('timer');
    await timer.waitFor();
    await expect.poll(() => timer.textContent(), { timeout: 5000 }).toBe('1 s');
    await page.screenshot({ path: '/tmp/sidebar-progress.png' });
    await page.getByRole('button', { name: 'Cancel' }).click();
    expect(await page.getByRole('status').first().textContent()).toContain('Stopped waiting');

    await page.evaluate(() => window.__peelFake.release());
    await expect.poll(() => calls(page, 'discardImages')).toEqual([[['img-1']]]);
    expect(await page.getByRole('radio').count()).toBe(0);
    expect(await page.getByRole('img').count()).toBe(0);
    expect(await calls(page, 'insertImage')).toEqual([]);
    // The sidebar is free again.
    expect(await page.getByRole('button', { name: 'Generate' }).isEnabled()).toBe(true);
    await page.close();
  });

  it('inserts the selected variant by id, never sending its bytes back', async () => {
    const { page } = await open();
    await page.getByRole('combobox', { name: 'Variants' }).selectOption('3');
    await promptAndGenerate(page, 'A lighthouse');
    await page.getByRole('radio', { name: /Variant 1 of 3/ }).waitFor();
    await page.getByRole('radio', { name: /Variant 1 of 3/ }).press('ArrowRight');
    expect(await page.getByRole('radio', { name: /Variant 2 of 3/ }).isChecked()).toBe(true);

    await page.getByRole('button', { name: 'Insert', exact: true }).click();
    await expect.poll(() => calls(page, 'insertImage')).toEqual([[{ imageId: 'img-2', mode: 'insert' }]]);
    const sent = JSON.stringify(await page.evaluate(() => window.__peelFake.calls));
    for (const image of IMAGES) expect(sent).not.toContain(image.base64.slice(0, 40));
    await expect.poll(() => page.getByRole('status').first().textContent()).toBe('Inserted: Slide 3.');

    await page.getByRole('button', { name: 'Insert as background' }).click();
    await expect.poll(async () => (await calls(page, 'insertImage')).length).toBe(2);
    expect((await calls(page, 'insertImage'))[1]).toEqual([{ imageId: 'img-2', mode: 'background' }]);
    await page.close();
  });

  it('disables inserting, with the reason, when the target has a problem', async () => {
    const { page } = await open();
    await promptAndGenerate(page, 'A lighthouse');
    await page.getByRole('radio').first().waitFor();
    await setTarget(page, {
      ...SLIDE,
      kind: 'none',
      label: 'Nothing selected',
      canInsert: false,
      canReplace: false,
      canBackground: false,
      problem: 'Select a slide first.',
    });
    // Coming back to the sidebar re-reads the selection.
    await page.evaluate(() => window.dispatchEvent(new Event('focus')));
    await page.getByText('Can’t insert here: Select a slide first.').waitFor();
    for (const name of ['Insert', 'Replace selected', 'Insert as background']) {
      expect(await page.getByRole('button', { name, exact: true }).isDisabled()).toBe(true);
    }
    expect(await page.getByRole('button', { name: 'Discard' }).isEnabled()).toBe(true);
    await page.getByRole('button', { name: 'Discard' }).click();
    await expect.poll(() => calls(page, 'discardImages')).toEqual([[['img-1']]]);
    await page.close();
  });

  it('offers only the model’s aspect ratios and defaults to the one that fits the target', async () => {
    const { page } = await open({ target: { ...SLIDE, kind: 'shape', label: 'Shape on slide 2', ratio: 0.3 } });
    const ratio = page.getByRole('combobox', { name: 'Aspect ratio' });
    const values = () => ratio.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    await expect.poll(values).toEqual(MODELS[0]?.aspectRatios);
    expect(await ratio.inputValue()).toBe('1:4');
    expect(await ratio.locator('option:checked').textContent()).toBe('1:4 (fits)');

    await page.getByRole('combobox', { name: 'Model' }).selectOption('gemini-2.5-flash-image');
    await expect.poll(values).toEqual(COMMON);
    expect(await ratio.inputValue()).toBe('9:16');
    expect(await page.getByText('Google retires this model on 2 October 2026.').isVisible()).toBe(true);
    expect(await page.getByRole('combobox', { name: 'Size' }).locator('option').count()).toBe(1);

    await page.getByRole('combobox', { name: 'Model' }).selectOption('gemini-4-image-experimental');
    await expect.poll(() => page.getByText(/Estimated cost/).textContent()).toBe('Estimated cost: price unknown');
    await page.close();
  });

  it('writes a prompt from the slide with “Illustrate this slide”, using the notes when asked', async () => {
    const { page } = await open();
    await page.getByRole('checkbox', { name: 'Use speaker notes' }).check();
    await page.getByRole('button', { name: 'Illustrate this slide' }).click();
    const box = page.getByRole('textbox', { name: 'Prompt' });
    await expect
      .poll(() => box.inputValue())
      .toBe('An illustration of quarterly growth, as the speaker notes describe.');
    expect(await calls(page, 'composeIllustratePrompt')).toEqual([[{ includeNotes: true }]]);
    expect(await calls(page, 'generateImage')).toEqual([]);
    await page.close();
  });

  it('opens on first run with how to get a key, then keeps the key only masked', async () => {
    const { page, external } = await open({ keySource: 'none', host: 'docs', target: { ...SLIDE, host: 'docs' } });
    await page.getByRole('heading', { name: 'Settings' }).waitFor();
    const link = page.getByRole('link', { name: 'aistudio.google.com/apikey' });
    expect(await link.getAttribute('href')).toBe('https://aistudio.google.com/apikey');
    expect(await link.getAttribute('target')).toBe('_blank');
    expect(await page.getByText(/no free tier/).isVisible()).toBe(true);
    await page.screenshot({ path: '/tmp/sidebar-settings.png', fullPage: true });

    const field = page.getByLabel('Gemini API key');
    expect(await field.getAttribute('type')).toBe('password');
    await field.fill('  AIzaSyTestTestTestTestTestTestTest9876 ');
    await page.getByRole('button', { name: 'Save key' }).click();
    await page.getByText('AIza…9876').waitFor();
    expect(await calls(page, 'saveApiKey')).toEqual([['AIzaSyTestTestTestTestTestTestTest9876']]);
    await expect
      .poll(() => page.getByRole('status').textContent())
      .toBe('Key saved. The key works: it can use 3 image models.');
    expect(await page.getByLabel('Gemini API key').count()).toBe(0);
    await page.screenshot({ path: '/tmp/sidebar-settings-saved.png', fullPage: true });

    await page.getByRole('button', { name: 'Back' }).click();
    expect(await page.getByRole('button', { name: 'Illustrate the selection' }).isVisible()).toBe(true);
    expect(await page.getByRole('checkbox', { name: 'Use speaker notes' }).count()).toBe(0);
    await page.screenshot({ path: '/tmp/sidebar-docs.png', fullPage: true });
    expect(await page.getByRole('button', { name: 'Settings' }).evaluate((b) => b === document.activeElement)).toBe(
      true,
    );
    // Settings came from the late part, fetched once: opening Settings again asks for nothing.
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByText('AIza…9876').waitFor();
    expect(await calls(page, 'getSidebarParts')).toEqual([[]]);
    expect(external).toEqual([]);
    await page.close();
  });

  it('says so when Settings cannot be fetched, and Try again fetches it; the rest of the sidebar works meanwhile', async () => {
    const { page } = await open({ partsFailures: 1 });
    expect(await calls(page, 'getSidebarParts')).toEqual([]);
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByText('The call to Google failed.').waitFor();
    expect(await page.getByText('Try again, or reload the document.').isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Try again' }).click();
    await page.getByLabel('Model for new images').waitFor();
    expect(await calls(page, 'getSidebarParts')).toEqual([[], []]);
    await page.getByRole('button', { name: 'Back' }).click();
    await promptAndGenerate(page, 'A lighthouse');
    await page.getByRole('button', { name: 'Insert', exact: true }).waitFor();
    await page.close();
  });

  it('refuses a late part from another build and says to reopen the sidebar', async () => {
    const { page } = await open({
      keySource: 'none',
      parts: '<style data-peel-part="0000000000000000">.intro{}</style><script>var PeelPart = {}</script>\n',
    });
    await page.getByText('Peel was updated while this sidebar was open.').waitFor();
    expect(await page.getByText('Close the sidebar and open it again.').isVisible()).toBe(true);
    expect(await page.evaluate(() => 'PeelPart' in window)).toBe(false);
    await page.close();
  });
});
