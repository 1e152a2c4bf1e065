/**
 * Shared by the sidebar's browser suites: the built dist/Sidebar.html (built by the global setup) opened in
 * headless Chromium at the editor's 300 px, against the fake google.script.run in fake-google.ts, with the
 * fixtures (models, target, preview images) and the helpers that steer the fake.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../dev/support/chromium';
import { encodePng } from '../../dev/support/image';
import type { GeneratedImage, OfferedModel, Target, ThreadView } from '../../src/shared/rpc';
import type { FakeConfig, FakeControls, GenerateMode } from './fake-google';

const root = path.resolve(import.meta.dirname, '../..');
export const SIDEBAR_URL = pathToFileURL(path.join(root, 'dist/Sidebar.html')).href;

export const COMMON = ['1:1', '2:3', '3:2', '3:4', '4:3', '4:5', '5:4', '9:16', '16:9', '21:9'];
export const MODELS: OfferedModel[] = [
  {
    id: 'gemini-nano-banana-2.1',
    displayName: 'Nano Banana 2.1',
    known: true,
    lifecycle: 'current',
    thinkingLevels: [],
    aspectRatios: [...COMMON, '1:4', '4:1', '1:8', '8:1'],
    imageSizes: ['1K', '2K', '4K'],
    defaultImageSize: '1K',
    pricePerImageUsd: { '1K': 0.0336, '2K': 0.0504, '4K': 0.113 },
    maxReferenceImages: 14,
  },
  {
    id: 'gemini-2.5-flash-image',
    displayName: 'Nano Banana (Gemini 2.5 Flash Image)',
    known: true,
    lifecycle: 'current',
    thinkingLevels: [],
    aspectRatios: COMMON,
    imageSizes: ['1K'],
    defaultImageSize: '1K',
    pricePerImageUsd: { '1K': 0.039 },
    maxReferenceImages: 3,
    warning: 'Google retires this model on 2 October 2026.',
  },
  {
    id: 'gemini-4-image-experimental',
    displayName: 'gemini-4-image-experimental',
    known: false,
    lifecycle: 'current',
    thinkingLevels: [],
    aspectRatios: COMMON,
    imageSizes: ['1K'],
    defaultImageSize: '1K',
    pricePerImageUsd: {},
    maxReferenceImages: 3,
  },
];

export const SLIDE: Target = {
  host: 'slides',
  kind: 'placeholder',
  label: 'Empty picture placeholder on slide 3',
  ratio: 16 / 9,
  canInsert: true,
  canReplace: true,
  canBackground: true,
};

/** A soft gradient, so the previews in the screenshot look like pictures. */
function picture(width: number, height: number, hue: [number, number, number]): string {
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const t = (x / width + y / height) / 2;
      data[i] = Math.round(hue[0] * (1 - t) + 255 * t);
      data[i + 1] = Math.round(hue[1] * (1 - t) + 220 * t);
      data[i + 2] = Math.round(hue[2] * (1 - t) + 120 * t);
      data[i + 3] = 255;
    }
  }
  return Buffer.from(encodePng({ width, height, data })).toString('base64');
}

export const IMAGES: GeneratedImage[] = [
  [11, 87, 208],
  [24, 128, 56],
  [179, 38, 30],
  [90, 60, 160],
].map((hue, i) => ({
  id: `img-${i + 1}`,
  mimeType: 'image/png',
  base64: picture(160, 90, hue as [number, number, number]),
  pixelWidth: 1376,
  pixelHeight: 768,
  costUsd: 0.0336,
}));

/** One image selected on a slide, with a thread of two turns (one a collaborator's) and two kept versions. */
export const IMAGE_TARGET: Target = {
  ...SLIDE,
  kind: 'image',
  label: 'Selected image on slide 3',
  image: { ref: 's:img-1', threadId: 't-1' },
};

export const THREAD: ThreadView = {
  threadId: 't-1',
  ref: 's:img-1',
  currentVersionId: 'v1',
  label: 'The selected image on slide 3',
  current: { mimeType: 'image/png', base64: IMAGES[0]?.base64 ?? '', pixelWidth: 160, pixelHeight: 90 },
  turns: [
    {
      instruction: 'A mountain landscape',
      modelText: 'Here is a landscape.',
      model: 'gemini-nano-banana-2.1',
      ratio: '16:9',
      size: '1K',
      costUsd: 0.0336,
      at: Date.UTC(2026, 10, 29, 9),
      who: 'collaborator',
      versionId: 'v-1',
      kind: 'new',
    },
    {
      instruction: 'Make the sky more dramatic',
      modelText: '',
      model: 'gemini-nano-banana-2.1',
      ratio: '16:9',
      size: '1K',
      costUsd: 0.0336,
      at: Date.UTC(2026, 10, 30, 9),
      who: 'you',
      versionId: 'v-2',
      kind: 'edit',
    },
  ],
  summary: null,
  versions: [
    { id: 'v-1', at: Date.UTC(2026, 10, 29, 9), who: 'collaborator', current: false, reachable: 'unknown' },
    { id: 'v-2', at: Date.UTC(2026, 10, 30, 9), who: 'you', current: false, reachable: 'yes' },
  ],
  altTitle: 'Mountains under a dramatic sky',
  altDescription: 'Snowy peaks at dawn, described by hand.',
  altByPerson: true,
};

export interface Opened {
  readonly page: Page;
  /** Requests that left the page for anything but the file itself and data: URLs. */
  readonly external: string[];
}

export interface SidebarHarness {
  /**
   * A new 300 px page with the sidebar loaded, once it shows the target (its label, or `shows` when the sidebar
   * says it otherwise) or Settings.
   */
  open(overrides?: Partial<FakeConfig>, shows?: string): Promise<Opened>;
  close(): Promise<void>;
}

/** Bundles the fake google.script.run and starts Chromium; `open` then loads the sidebar against the fake. */
export async function startSidebar(
  executablePath: string,
  options: { readonly scrollbars?: boolean } = {},
): Promise<SidebarHarness> {
  const built = await esbuild.build({
    entryPoints: [path.join(import.meta.dirname, 'fake-google.ts')],
    bundle: true,
    format: 'iife',
    write: false,
    target: 'chrome111',
    logLevel: 'silent',
  });
  const fakeScript = built.outputFiles[0]?.text ?? '';
  // The sidebar's late part, which the fake hands over as the server does.
  const parts = await readFile(path.join(root, 'dist/SidebarParts.html'), 'utf8');
  const browser: Browser = await launchChromium(executablePath, options);

  async function open(overrides: Partial<FakeConfig> = {}, shows?: string): Promise<Opened> {
    const page = await browser.newPage({ viewport: { width: 300, height: 900 } });
    const external: string[] = [];
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith('file:') || url.startsWith('data:')) return route.continue();
      external.push(url);
      return route.abort();
    });
    const config: FakeConfig = {
      host: 'slides',
      keySource: 'user',
      target: SLIDE,
      models: MODELS,
      images: IMAGES,
      parts,
      ...overrides,
    };
    await page.addInitScript((c: FakeConfig) => {
      window.__peelFakeConfig = c;
    }, config);
    await page.addInitScript({ content: fakeScript });
    await page.goto(SIDEBAR_URL);
    await page
      .getByText(shows ?? config.target.label)
      .or(page.getByRole('heading', { name: 'Settings' }))
      .first()
      .waitFor();
    return { page, external };
  }

  return { open, close: () => browser.close() };
}

/** The arguments of every call the sidebar made to the named server function, in order. */
export const calls = (page: Page, name: string) =>
  page.evaluate((n) => window.__peelFake.calls.filter((c) => c.name === n).map((c) => c.args), name);

export const setGenerate = (page: Page, mode: GenerateMode) =>
  page.evaluate((m) => {
    window.__peelFake.generate = m;
  }, mode);

export const setTarget = (page: Page, target: Target) =>
  page.evaluate((t) => {
    (window.__peelFake as FakeControls).target = t;
  }, target);

export async function promptAndGenerate(page: Page, prompt: string): Promise<void> {
  const box = page.getByRole('textbox', { name: 'Prompt' });
  await box.fill(prompt);
  await box.press('Control+Enter');
}
