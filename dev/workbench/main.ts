/**
 * `npm start`: build Peel, start the Gemini emulator and the workbench, print the URL.
 *
 *   npm start [-- --port 8080] [--latency 3000] [--reset] [--demo standard|pitch] [--state .workbench/state.json]
 *             [--platform-latency]
 *
 * --demo NAME starts from that demo's documents (dev/runtime/demos.ts) unless the saved state is already theirs.
 *
 * --platform-latency makes every execution take as long as Apps Script would (dev/runtime/latency-profile.ts).
 *
 * Environment: PORT, PEEL_EMULATOR_LATENCY_MS; GEMINI_API_KEY sends requests to the real Gemini API;
 * GOOGLE_GEMINI_BASE_URL sends them to that address instead.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { build } from '../../build/build';
import { DEMOS, isDemoName } from '../runtime/demos';
import { DEFAULT_LATENCY_MS, startWorkbench } from './server';

function number(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a whole number ≥ 0, not "${value}".`);
  return n;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      latency: { type: 'string' },
      reset: { type: 'boolean', default: false },
      demo: { type: 'string' },
      'platform-latency': { type: 'boolean', default: false },
      state: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(
      `Usage: npm start -- [--port N] [--latency MS] [--reset] [--demo ${Object.keys(DEMOS).join('|')}] [--state FILE] [--platform-latency]`,
    );
    return;
  }
  if (values.demo !== undefined && !isDemoName(values.demo)) {
    throw new Error(`--demo is one of ${Object.keys(DEMOS).join(', ')}, not "${values.demo}".`);
  }
  const port = number(values.port ?? process.env.PORT, '--port', 8080);
  const latencyMs = number(values.latency ?? process.env.PEEL_EMULATOR_LATENCY_MS, '--latency', DEFAULT_LATENCY_MS);

  const started = Date.now();
  const report = await build({ outdir: path.resolve('dist'), vertex: false });
  const workbench = await startWorkbench({
    port,
    latencyMs,
    reset: values.reset,
    ...(values.demo !== undefined ? { demo: values.demo } : {}),
    platformLatency: values['platform-latency'],
    distDir: path.resolve('dist'),
    stateFile: path.resolve(values.state ?? '.workbench/state.json'),
  });
  const { backend } = workbench;
  const where =
    backend.kind === 'emulator'
      ? `Gemini emulator at ${backend.target}, ${backend.latencyMs} ms latency (--latency to change)`
      : `${backend.label}: ${backend.target}`;
  console.log(`Built dist/ (${report.entryPoints.length} entry points).`);
  console.log(`Backend: ${where}`);
  console.log(`Peel workbench ready in ${((Date.now() - started) / 1000).toFixed(1)} s: ${workbench.url}`);

  let closing = false;
  const stop = () => {
    if (closing) process.exit(1);
    closing = true;
    // State is saved on close, so Ctrl-C never loses the last selection or inserted image.
    workbench.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE') console.error('That port is taken: try `npm start -- --port 8081`.');
  else console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
