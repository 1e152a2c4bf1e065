/**
 * The Gemini client's Transport port over real HTTP, synchronously, for Node tests: each fetchAll runs a child
 * Node process that sends the batch in parallel with fetch and prints the answers as JSON. Blocking the test's
 * thread is the point (Apps Script blocks too), so the server being called must live in another thread or
 * process, never on the test's own event loop.
 */
import { spawnSync } from 'node:child_process';
import type { HttpRequest, HttpResponse, Transport } from '../../src/core/gemini/transport';

export interface SyncHttpOptions {
  /** Per request: past it the request reports a deadline, as UrlFetchApp's ~60 s limit does. */
  readonly timeoutMs?: number;
  /** Largest total of answers the child may print. Image answers run to megabytes each. */
  readonly maxBufferBytes?: number;
}

// Plain JavaScript for the child: it reads the batch from stdin and prints one result per request, in order.
const CHILD = `
let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => { input += chunk; });
process.stdin.on('end', async () => {
  const { requests, timeoutMs } = JSON.parse(input);
  const results = await Promise.all(requests.map(async (r) => {
    try {
      const response = await fetch(r.url, {
        method: r.method.toUpperCase(),
        headers: r.headers,
        body: r.payload,
        signal: AbortSignal.timeout(timeoutMs),
      });
      return { kind: 'response', status: response.status, body: await response.text() };
    } catch (error) {
      const timedOut = error && (error.name === 'TimeoutError' || error.name === 'AbortError');
      const cause = error && error.cause ? ' (' + (error.cause.code || error.cause.message) + ')' : '';
      return timedOut
        ? { kind: 'failure', failure: 'deadline', message: 'Timeout: ' + r.url }
        : { kind: 'failure', failure: 'network', message: String(error && error.message) + cause };
    }
  }));
  process.stdout.write(JSON.stringify(results));
});
`;

export class SyncHttpTransport implements Transport {
  private readonly timeoutMs: number;
  private readonly maxBufferBytes: number;
  /** Every request sent, in order, for assertions. */
  readonly sent: HttpRequest[] = [];
  /** fetchAll calls: one per round of the client's retries. */
  rounds = 0;

  constructor(options: SyncHttpOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? 60_000;
    this.maxBufferBytes = options.maxBufferBytes ?? 1024 * 1024 * 1024;
  }

  fetchAll(requests: readonly HttpRequest[]): HttpResponse[] {
    this.rounds++;
    this.sent.push(...requests);
    if (requests.length === 0) return [];
    const child = spawnSync(process.execPath, ['-e', CHILD], {
      input: JSON.stringify({ requests, timeoutMs: this.timeoutMs }),
      encoding: 'utf8',
      maxBuffer: this.maxBufferBytes,
      // The child's own per-request timeouts end it first; this only guards against a wedged child.
      timeout: this.timeoutMs + 30_000,
    });
    if (child.error) throw child.error;
    if (child.status !== 0) throw new Error(`sync-http child failed (${child.status}): ${child.stderr}`);
    const results = JSON.parse(child.stdout) as HttpResponse[];
    if (results.length !== requests.length) throw new Error('sync-http child answered the wrong number of requests');
    return results;
  }
}
