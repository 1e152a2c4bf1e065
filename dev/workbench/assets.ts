/**
 * The page's script and styles and the google.script shim, bundled from TypeScript with esbuild when the
 * server starts (about a tenth of a second), so there is no build step to forget and no output to commit.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const here = path.dirname(fileURLToPath(import.meta.url));

export interface PageAssets {
  readonly js: string;
  readonly css: string;
  /** The shim's source, an IIFE that reads its settings from `window.__peelWorkbench`. */
  readonly shim: string;
}

export async function buildAssets(): Promise<PageAssets> {
  const common: esbuild.BuildOptions = {
    bundle: true,
    write: false,
    format: 'iife',
    target: ['chrome111', 'firefox115', 'safari16'],
    platform: 'browser',
    legalComments: 'none',
    charset: 'utf8',
    logLevel: 'silent',
    outdir: 'unused',
  };
  const [page, shim] = await Promise.all([
    esbuild.build({
      ...common,
      entryPoints: [path.join(here, 'page/main.tsx')],
      jsx: 'automatic',
      jsxImportSource: 'preact',
      define: { 'process.env.NODE_ENV': '"development"' },
      sourcemap: 'inline',
    }),
    esbuild.build({ ...common, entryPoints: [path.join(here, 'page/shim.ts')], minify: true }),
  ]);
  const pick = (result: esbuild.BuildResult, ext: string) =>
    result.outputFiles?.find((f) => f.path.endsWith(ext))?.text ?? '';
  return { js: pick(page, '.js'), css: pick(page, '.css'), shim: pick(shim, '.js') };
}
