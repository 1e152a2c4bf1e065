/**
 * One collaborator's Apps Script executions, for interleave.test.ts. Peel's real store code runs here against
 * PropertiesService and LockService stand-ins whose every call is a synchronous round trip to the test's
 * scheduler (Atomics.wait, as Apps Script blocks an execution on each service call), so the scheduler decides
 * the order of every property operation and lock step across the five collaborators.
 */
import { MessageChannel, type MessagePort, parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import { openDocumentStore } from '../../src/server/platform/document-store';
import { readDocumentCost, recordCost } from '../../src/server/spine/costs';
import { recordTurn } from '../../src/server/spine/threads';

export type Action =
  | { readonly kind: 'cost'; readonly key: string; readonly cents: number }
  | { readonly kind: 'fold' }
  | { readonly kind: 'turn'; readonly thread: string; readonly turn: string };

export interface Job {
  readonly actions: readonly Action[];
  /** Stands for Peel with the lock taken out: the test must then find lost entries. */
  readonly noLock: boolean;
}

export type Outcome = 'ok' | 'BUSY' | 'failed';

const signal = new Int32Array(workerData.signal as SharedArrayBuffer);
const { port1: mine, port2: theirs } = new MessageChannel();
parentPort?.postMessage({ rpcPort: theirs }, [theirs]);

function call(service: string, method: string, args: unknown[]): unknown {
  Atomics.store(signal, 0, 0);
  mine.postMessage({ service, method, args });
  Atomics.wait(signal, 0, 0);
  // The scheduler posts the reply before it signals, but a message posted on another thread can reach this port
  // a moment after the signal when the machine is loaded: wait for it rather than read nothing.
  let received = receiveMessageOnPort(mine as MessagePort);
  for (let tries = 0; !received && tries < 10_000; tries++) {
    Atomics.wait(signal, 0, 1, 1);
    received = receiveMessageOnPort(mine as MessagePort);
  }
  const reply = received?.message as { value?: unknown; error?: string };
  if (reply.error !== undefined) throw new Error(reply.error);
  return reply.value;
}

const remote = (service: string) =>
  new Proxy(
    {},
    {
      get:
        (_, method) =>
        (...args: unknown[]) =>
          call(service, String(method), args),
    },
  );

let noLock = false;
// A fold that meets BUSY logs and carries on (costs.ts); the log is noise here.
console.error = () => undefined;
const unlocked = { tryLock: () => true, releaseLock: () => undefined };
Object.assign(globalThis, {
  PropertiesService: { getDocumentProperties: () => remote('properties') },
  LockService: { getDocumentLock: () => (noLock ? unlocked : remote('lock')) },
});

function run(action: Action): void {
  const store = openDocumentStore();
  if (!store) throw new Error('no document store');
  if (action.kind === 'cost') recordCost(store, action.cents / 100, action.key);
  else if (action.kind === 'fold') readDocumentCost(store);
  else {
    // An image's turn, written as Apply writes it (server/threads.ts): the thread read under the lock, the turn
    // and the replaced version appended after whatever collaborators added, one key and peel.last written.
    recordTurn(store, {
      threadId: action.thread,
      ref: `s:${action.thread}`,
      turn: { id: action.turn, i: `Edit ${action.turn}`, m: 'm', r: '1:1', s: '1K', c: 0.04, t: 1, u: 'u' },
      kept: { t: 1, u: 'u', store: 'drive', file: `f-${action.turn}`, mime: 'image/png', w: 8, h: 8 },
      exists: () => true,
    });
  }
}

parentPort?.on('message', (job: Job) => {
  noLock = job.noLock;
  const outcomes: Outcome[] = job.actions.map((action) => {
    try {
      run(action);
      return 'ok';
    } catch (error) {
      return (error as { code?: string }).code === 'BUSY' ? 'BUSY' : 'failed';
    }
  });
  call('end', 'end', []);
  parentPort?.postMessage({ outcomes });
});
