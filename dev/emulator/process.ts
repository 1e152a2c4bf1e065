/**
 * The Gemini emulator in a child process. Peel's client blocks its thread while it waits (as in Apps Script),
 * so the emulator cannot share the test's event loop; it runs `npm run emulator`'s entry on a free port and is
 * steered through its HTTP control endpoints.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Fault } from './types';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface EmulatorProcess {
  readonly url: string;
  inject(faults: Fault | Fault[]): Promise<void>;
  /** The quota mode over HTTP: `perMinute` calls per key, or off with null. The child's clock is real time. */
  setQuota(perMinute: number | null): Promise<void>;
  reset(): Promise<void>;
  close(): Promise<void>;
}

async function control(url: string, method: string, route: string, body?: unknown): Promise<void> {
  const response = await fetch(`${url}/__emulator/${route}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  if (!response.ok) throw new Error(`emulator ${route}: ${response.status} ${await response.text()}`);
}

export async function startEmulatorProcess(): Promise<EmulatorProcess> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'dev/emulator/main.ts')], {
    cwd: root,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`emulator did not start:\n${output}`)), 30_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`emulator exited (${code}):\n${output}`));
    });
  });
  return {
    url,
    inject: (faults) => control(url, 'POST', 'faults', { faults: Array.isArray(faults) ? faults : [faults] }),
    setQuota: (perMinute) => control(url, 'POST', 'quota', { requestsPerMinute: perMinute }),
    reset: () => control(url, 'POST', 'reset'),
    close: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
