/**
 * `npm run listing`: the pictures the Marketplace listing asks for (docs/publishing.md, Assets), written into
 * docs/listing/ on any clone:
 *
 * - icon-32.png and icon-128.png, banner-220x140.png, drawn in code (listing-art.ts);
 * - five 1280 × 800 screenshots of real flows: Peel built and run in the workbench against the Gemini emulator and
 *   driven in Chromium as a person would (listing-shots.ts). Without a Chromium (see dev/support/chromium.ts) the
 *   script says so and writes the rest; `--no-screenshots` skips them on purpose.
 *
 *   npm run listing [-- --out docs/listing] [--no-screenshots]
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { encodePng, type Rgba } from '../support/image';
import { drawBanner, drawIcon } from './listing-art';

export const DEFAULT_OUT = path.resolve(import.meta.dirname, '../../docs/listing');

/** The files drawn in code, by name. */
export function artFiles(): Record<string, Rgba> {
  return { 'icon-32.png': drawIcon(32), 'icon-128.png': drawIcon(128), 'banner-220x140.png': drawBanner() };
}

export interface ListingOptions {
  readonly out: string;
  readonly screenshots: boolean;
  /** Told each line of progress. */
  readonly say?: (line: string) => void;
}

/** Writes the listing's pictures and answers the paths written. */
export async function writeListing(options: ListingOptions): Promise<string[]> {
  const say = options.say ?? (() => {});
  await mkdir(options.out, { recursive: true });
  const written: string[] = [];
  for (const [name, image] of Object.entries(artFiles())) {
    const file = path.join(options.out, name);
    await writeFile(file, encodePng(image));
    written.push(file);
    say(`${name} (${image.width} × ${image.height})`);
  }
  if (!options.screenshots) return written;
  const { findChromium } = await import('../support/chromium');
  const chromium = findChromium();
  if (!chromium) {
    say('No Chromium found (set PEEL_CHROMIUM, or install chromium): the screenshots were not taken.');
    return written;
  }
  const { takeScreenshots } = await import('./listing-shots');
  written.push(...(await takeScreenshots(options.out, chromium, say)));
  return written;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      out: { type: 'string' },
      'no-screenshots': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log('Usage: npm run listing -- [--out DIR] [--no-screenshots]');
    return;
  }
  const out = path.resolve(values.out ?? DEFAULT_OUT);
  const written = await writeListing({
    out,
    screenshots: !values['no-screenshots'],
    say: (line) => console.log(`  ${line}`),
  });
  console.log(`Wrote ${written.length} files into ${path.relative(process.cwd(), out) || '.'}.`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
