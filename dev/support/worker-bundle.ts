/**
 * A worker thread's code as one CommonJS string, bundled once per process with esbuild (a dev dependency) and
 * started with `eval: true`: no TypeScript loader has to exist inside the worker, whether the tool runs under
 * vitest, tsx or plain Node, and a worker starts in milliseconds.
 */
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

/** The bundle of `entry`, built on the first call and shared after; a failed build is tried again next call. */
export function workerBundle(entry: URL): () => Promise<string> {
  let source: Promise<string> | null = null;
  return () => {
    source ??= esbuild
      .build({
        entryPoints: [fileURLToPath(entry)],
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
        if (!text) throw new Error(`esbuild produced no bundle for ${entry.pathname}`);
        return text;
      });
    source.catch(() => {
      source = null;
    });
    return source;
  };
}
