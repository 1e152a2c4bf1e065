/**
 * Helpers for the runtime's tests: tiny script projects in a temporary folder (the Runtime takes any distDir)
 * and a local HTTP server that answers after a fixed delay.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';

export interface Project {
  readonly dir: string;
  remove(): Promise<void>;
}

/** Writes `Code.js` (and optionally a manifest and HTML files) into a fresh temporary folder. */
export async function project(
  code: string,
  options: { manifest?: object; files?: Record<string, string> } = {},
): Promise<Project> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'peel-runtime-'));
  await writeFile(path.join(dir, 'Code.js'), code);
  if (options.manifest) await writeFile(path.join(dir, 'appsscript.json'), JSON.stringify(options.manifest));
  for (const [name, content] of Object.entries(options.files ?? {})) await writeFile(path.join(dir, name), content);
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

export interface SeenRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
  readonly at: number;
}

export interface TestServer {
  readonly base: string;
  readonly requests: SeenRequest[];
  close(): Promise<void>;
}

export type Route = (request: SeenRequest, response: ServerResponse) => void | Promise<void>;

/** Answers every request through `route` after `delayMs`. */
export async function server(route: Route, delayMs = 0): Promise<TestServer> {
  const requests: SeenRequest[] = [];
  const http = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const seen: SeenRequest = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        at: performance.now(),
      };
      requests.push(seen);
      setTimeout(() => void route(seen, res), delayMs);
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        http.closeAllConnections();
        http.close(() => resolve());
      }),
  };
}
