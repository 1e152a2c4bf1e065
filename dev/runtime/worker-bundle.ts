/**
 * The execution worker as one CommonJS string, bundled once per process with esbuild (a dev dependency) and
 * started with `eval: true`: no TypeScript loader has to exist inside the worker, whether the runtime runs
 * under vitest, tsx or plain Node, and a worker starts in milliseconds.
 */
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const ENTRY = fileURLToPath(new URL('./worker.ts', import.meta.url));

let source: Promise<string> | null = null;

export function workerSource(): Promise<string> {
  source ??= esbuild
    .build({
      entryPoints: [ENTRY],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      write: false,
      logLevel: 'silent',
      legalComments: 'none',
    })
    .then((result) => {
      const text = result.outputFiles[0]?.text;
      if (!text) throw new Error('esbuild produced no worker bundle');
      return text;
    });
  source.catch(() => {
    source = null;
  });
  return source;
}
