import path from 'node:path';
import { build } from '../build/build';

/**
 * Builds dist/ once before any test file runs, so every suite (bundle checks, runtime, workbench, browser)
 * exercises the same Code.js that `npm run deploy` pushes, and no suite rebuilds it under another's feet.
 */
export default async function setup(): Promise<void> {
  await build({ outdir: path.resolve(import.meta.dirname, '../dist'), vertex: false });
}
