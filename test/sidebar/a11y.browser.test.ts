/**
 * The sidebar's accessibility claim, checked: axe-core's WCAG 2.1 A and AA rules find nothing in each main state
 * of the built dist/Sidebar.html at 300 px, and the keyboard alone reaches and works every control in a sensible
 * order, with a visible focus outline.
 */
import { createRequire } from 'node:module';
import type { AxeResults, RunOptions } from 'axe-core';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumOrSkip } from '../../dev/support/chromium';
import type { FakeConfig } from './fake-google';
import {
  IMAGE_TARGET,
  promptAndGenerate,
  type SidebarHarness,
  SLIDE,
  setGenerate,
  startSidebar,
  THREAD,
} from './sidebar-page';

const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const WCAG_21_AA: RunOptions = {
  runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
  resultTypes: ['violations'],
};

const { executablePath, skip } = chromiumOrSkip('Sidebar accessibility tests');

interface Violation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly nodes: { readonly target: string; readonly summary: string }[];
}

/** Injects axe-core into the page and runs the WCAG 2.1 A and AA rules on the whole document. */
async function axeViolations(page: Page): Promise<Violation[]> {
  await page.addScriptTag({ path: AXE_PATH });
  return page.evaluate(async (options) => {
    const axe = (window as unknown as { axe: { run(context: Document, o: RunOptions): Promise<AxeResults> } }).axe;
    const results = await axe.run(document, options);
    return results.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? null,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target.join(' '), summary: n.failureSummary ?? '' })),
    }));
  }, WCAG_21_AA);
}

function describeViolations(state: string, violations: readonly Violation[]): string {
  const lines = violations.flatMap((v) => [
    `${v.id} (${v.impact ?? 'no impact'}): ${v.help}`,
    ...v.nodes.map((n) => `    ${n.target}\n      ${n.summary.replace(/\n/g, '\n      ')}`),
  ]);
  return `axe found ${violations.length} WCAG 2.1 A/AA violation(s) in ${state}:\n${lines.join('\n')}`;
}

async function expectNoViolations(page: Page, state: string): Promise<void> {
  const violations = await axeViolations(page);
  if (violations.length > 0) console.error(describeViolations(state, violations));
  expect(
    violations.map((v) => v.id),
    describeViolations(state, violations),
  ).toEqual([]);
}

/** Who has focus, as a screen reader would name it: role-ish tag and accessible name. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return 'body';
    const input = el as HTMLInputElement;
    const kind = el.tagName === 'INPUT' ? input.type : el.tagName.toLowerCase();
    const label = input.labels?.[0];
    // A preview radio is named by its picture's alt text, then the caption.
    const pictures = label ? [...label.querySelectorAll('img')].map((img) => `${img.alt} `).join('') : '';
    const name = el.getAttribute('aria-label') ?? (label ? `${pictures}${label.textContent}` : el.textContent) ?? '';
    return `${kind}: ${name.trim()}`;
  });

/**
 * The outline that shows where focus is: the focused element's own, or, for a control drawn by its neighbour
 * (the preview radios are transparent; the picture after each shows the focus), that neighbour's.
 */
const focusOutline = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return 'no focus';
    // A hidden control shows its focus on what stands for it: the picture after a radio, a file input's label.
    const shown = getComputedStyle(el).opacity === '0' ? (el.nextElementSibling ?? el.closest('label')) : el;
    if (!shown) return 'nothing shows the focus';
    const style = getComputedStyle(shown);
    return style.outlineStyle === 'none' || Number.parseFloat(style.outlineWidth) === 0
      ? 'none'
      : `${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}`;
  });

describe.skipIf(skip)('the sidebar’s accessibility', () => {
  let sidebar: SidebarHarness;

  beforeAll(async () => {
    sidebar = await startSidebar(executablePath ?? '');
  });

  afterAll(async () => {
    await sidebar?.close();
  });

  const open = async (overrides: Partial<FakeConfig> = {}): Promise<Page> => {
    const { page } = await sidebar.open(overrides);
    return page;
  };
  /** The main view once the models have loaded: Generate is enabled. */
  const openMain = async (overrides: Partial<FakeConfig> = {}): Promise<Page> => {
    const page = await open(overrides);
    await expect.poll(() => page.getByRole('button', { name: 'Generate' }).isEnabled()).toBe(true);
    return page;
  };

  describe('axe-core finds no WCAG 2.1 A or AA violation', () => {
    it('in the Generate view on first load', async () => {
      const page = await openMain();
      await expectNoViolations(page, 'the Generate view');
      await page.close();
    });

    it('in the Generate view with a retiring model’s warning and a target problem', async () => {
      const page = await openMain({ target: { ...SLIDE, problem: 'This placeholder is locked.' } });
      await page.getByRole('combobox', { name: 'Model' }).selectOption('gemini-2.5-flash-image');
      await page.getByText('Google retires this model on 2 October 2026.').waitFor();
      await expectNoViolations(page, 'the Generate view with warnings');
      await page.close();
    });

    it('while generating', async () => {
      const page = await openMain();
      await setGenerate(page, 'hold');
      await promptAndGenerate(page, 'A lighthouse at dawn');
      await page.getByRole('timer').waitFor();
      await expectNoViolations(page, 'the progress panel');
      await page.evaluate(() => window.__peelFake.release());
      await page.close();
    });

    it('in the results view', async () => {
      const page = await openMain();
      await page.getByRole('combobox', { name: 'Variants' }).selectOption('3');
      await promptAndGenerate(page, 'A lighthouse at dawn, watercolour');
      await expect.poll(() => page.getByRole('radiogroup', { name: 'Results' }).getByRole('radio').count()).toBe(3);
      await page.getByText('3 images ready').waitFor();
      await expectNoViolations(page, 'the results view');
      await page.close();
    });

    it('with an error shown (a rejected key)', async () => {
      const page = await openMain();
      await setGenerate(page, 'keyInvalid');
      await promptAndGenerate(page, 'A lighthouse');
      await page.getByRole('alert').getByRole('button', { name: 'Open Settings' }).waitFor();
      await expectNoViolations(page, 'the error box');
      await page.close();
    });

    it('in the edit thread: the conversation, variants before and after, an unreachable version, compare', async () => {
      const page = await open({ target: IMAGE_TARGET, thread: THREAD });
      await page.getByRole('heading', { name: 'Edit this image' }).waitFor();
      await expect.poll(() => page.getByRole('button', { name: 'Edit', exact: true }).isEnabled()).toBe(true);
      await page.getByRole('list', { name: 'Conversation' }).getByText('A collaborator ·').waitFor();
      await expectNoViolations(page, 'the edit thread');

      await page.getByRole('combobox', { name: 'Variants' }).selectOption('2');
      await page.getByRole('textbox', { name: 'What should change' }).fill('Add a lake');
      await page.getByRole('textbox', { name: 'What should change' }).press('Control+Enter');
      await page.getByRole('heading', { name: 'Before and after' }).waitFor();
      await expect(
        page.getByRole('checkbox', { name: 'Keep the description a person wrote' }).isChecked(),
      ).resolves.toBe(true);
      await expectNoViolations(page, 'the edited variants');

      // Enlarge is a modal dialog: focus goes in, Escape closes it, and focus comes back to the picture.
      const after = page.getByRole('button', { name: /^After: Add a lake/ });
      await after.focus();
      await page.keyboard.press('Enter');
      await page.getByRole('dialog', { name: 'After, enlarged' }).waitFor();
      await expectNoViolations(page, 'the enlarged picture');
      await page.keyboard.press('Escape');
      await expect.poll(() => after.evaluate((el) => el === document.activeElement)).toBe(true);

      await page.getByText('Versions (2)').click();
      await page.getByText('only they can open it').first().waitFor();
      await page.getByRole('img', { name: 'Version 2' }).first().waitFor();
      await expectNoViolations(page, 'the versions and compare');
      await page.close();
    });

    it('in Settings on first run', async () => {
      const page = await open({ keySource: 'none' });
      await page.getByRole('heading', { name: 'Settings' }).waitFor();
      await page.getByLabel('Gemini API key').waitFor();
      await expectNoViolations(page, 'Settings on first run');
      await page.close();
    });

    it('in Settings with a saved, masked key', async () => {
      const page = await openMain();
      await page.getByRole('button', { name: 'Settings' }).click();
      await page.getByText('AIza…1234').waitFor();
      await expectNoViolations(page, 'Settings with a saved key');
      await page.close();
    });

    it('in the Docs variant', async () => {
      const page = await openMain({ host: 'docs', target: { ...SLIDE, host: 'docs', label: 'Cursor in paragraph 2' } });
      await page.getByRole('button', { name: 'Illustrate the selection' }).waitFor();
      await expectNoViolations(page, 'the Docs variant');
      await promptAndGenerate(page, 'A lighthouse');
      await page.getByRole('radio').first().waitFor();
      await expectNoViolations(page, 'the Docs variant’s results');
      await page.close();
    });
  });

  it('works from the keyboard alone, in order, with a visible focus outline', async () => {
    const page = await openMain();
    // From the top of the page: every stop up to Generate, in reading order, each with an outline.
    const stops: string[] = [];
    for (let i = 0; i < 14; i++) {
      await page.keyboard.press('Tab');
      stops.push(await focused(page));
      expect(await focusOutline(page), `focus outline on ${stops.at(-1)}`).not.toBe('none');
    }
    expect(stops).toEqual([
      'button: Settings',
      'button: Illustrate the deck',
      'button: Restyle the deck’s pictures',
      'button: Illustrate this slide',
      'checkbox: Use speaker notes',
      'textarea: Prompt',
      'button: Set a style for this deck',
      'file: From the computer…',
      'button: From this deck…',
      'select: Model',
      'select: Aspect ratio',
      'select: Size',
      'select: Variants',
      'button: Generate',
    ]);

    // The pickers work from the keyboard: four variants, then back to the prompt.
    await page.keyboard.press('Shift+Tab');
    expect(await focused(page)).toBe('select: Variants');
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
    expect(await page.getByRole('combobox', { name: 'Variants' }).inputValue()).toBe('4');
    // Back past Size, Aspect ratio, Model, the tray's two buttons and the style's button.
    for (let i = 0; i < 7; i++) await page.keyboard.press('Shift+Tab');
    expect(await focused(page)).toBe('textarea: Prompt');
    await page.keyboard.type('A lighthouse at dawn');
    await page.keyboard.press('Control+Enter');
    const radio = (n: number) => page.getByRole('radio', { name: new RegExp(`^Variant ${n} of 4`) });
    await radio(1).waitFor();

    // The preview group is the next stop after Generate; arrow keys move the selection inside it.
    const after: string[] = [];
    for (let i = 0; i < 10 && !after.at(-1)?.startsWith('radio:'); i++) {
      await page.keyboard.press('Tab');
      after.push(await focused(page));
      expect(await focusOutline(page), `focus outline on ${after.at(-1)}`).not.toBe('none');
    }
    expect(after.at(-2)).toBe('button: Generate');
    expect(after.at(-1)).toMatch(/^radio: Variant 1 of 4/);
    expect(await radio(1).isChecked()).toBe(true);
    await page.keyboard.press('ArrowRight');
    expect(await radio(2).isChecked()).toBe(true);
    expect(await focused(page)).toMatch(/^radio: Variant 2 of 4/);
    await page.keyboard.press('ArrowDown');
    expect(await radio(3).isChecked()).toBe(true);
    await page.keyboard.press('ArrowLeft');
    expect(await radio(2).isChecked()).toBe(true);
    expect(await focusOutline(page)).not.toBe('none');

    // Then the chosen one enlarged, and what to do with it.
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('button: Enlarge');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('button: Insert');
    expect(await focusOutline(page)).not.toBe('none');
    await page.close();
  });

  it('opens a preview large in a dialog a keyboard and a screen reader can use, and closes it with Escape', async () => {
    const page = await openMain();
    await page.getByRole('textbox', { name: 'Prompt' }).fill('A lighthouse');
    await page.getByRole('combobox', { name: 'Variants' }).selectOption('4');
    await page.getByRole('button', { name: 'Generate' }).click();
    const small = page.getByRole('radiogroup', { name: 'Results' }).getByRole('img').nth(1);
    await small.waitFor();
    await page.getByRole('radio').nth(1).check();
    const smallWidth = (await small.boundingBox())?.width ?? 0;

    await page.getByRole('button', { name: 'Enlarge' }).focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Image 2 of 4' });
    await dialog.waitFor();
    const large = dialog.getByRole('img', { name: /^Variant 2 of 4/ });
    const viewport = await page.evaluate(() => window.innerWidth);
    const largeWidth = (await large.boundingBox())?.width ?? 0;
    expect(largeWidth).toBeGreaterThan(smallWidth * 1.8);
    expect(largeWidth).toBeGreaterThanOrEqual(viewport - 20);
    // Focus is inside the dialog, on its one control; Escape closes it and focus goes back to Enlarge.
    expect(await focused(page)).toBe('button: Close');
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
    expect(await focused(page)).toBe('button: Enlarge');
    await page.close();
  });

  it('keeps keyboard focus on a control when the one that had it is disabled or replaced', async () => {
    const page = await openMain();
    await page.getByRole('textbox', { name: 'Prompt' }).fill('A lighthouse');

    // Generate gives way to the progress panel, and comes back when the wait ends, however it ends.
    await setGenerate(page, 'hold');
    await page.getByRole('button', { name: 'Generate' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toBe('button: Cancel');
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toBe('button: Generate');
    await page.evaluate(() => window.__peelFake.release());
    await setGenerate(page, 'ok');
    await page.keyboard.press('Enter');
    await page.getByRole('radio').first().waitFor();
    // The new picture has focus: the results are where a keyboard user goes next.
    await expect.poll(() => focused(page)).toMatch(/^radio: Generated image/);

    // Insert is disabled while it works; once done it stays disabled (no second copy by accident) and focus
    // moves to "Insert again" beside it. Discard takes the previews away.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('button: Insert');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('status').first().textContent()).toBe('Inserted: Slide 3.');
    await expect.poll(() => focused(page)).toBe('button: Insert again');
    expect(await page.getByRole('button', { name: 'Inserted' }).isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Discard' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('radio').count()).toBe(0);
    await expect.poll(() => focused(page)).toBe('button: Generate');
    await page.close();

    // Settings: saving swaps the field for the masked key, removing swaps it back.
    const settings = await open({ keySource: 'none' });
    await settings.getByLabel('Gemini API key').fill('AIzaSyTestTestTestTestTestTestTest9876');
    await settings.getByLabel('Gemini API key').press('Enter');
    await settings.getByText('AIza…9876').waitFor();
    await expect.poll(() => focused(settings)).toBe('button: Test key');
    await settings.keyboard.press('Enter');
    await expect
      .poll(() => settings.getByRole('status').textContent())
      .toBe('The key works: it can use 3 image models.');
    await expect.poll(() => focused(settings)).toBe('button: Test key');
    await settings.getByRole('button', { name: 'Remove' }).focus();
    await settings.keyboard.press('Enter');
    await expect.poll(() => focused(settings)).toBe('password: Gemini API key');
    await settings.close();
  });
});
