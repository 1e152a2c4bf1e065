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

/** What a collaborator reports when its execution ends; `failures` hold each failed action's stack. */
export interface Report {
  readonly outcomes: Outcome[];
  readonly failures: string[];
}

const signal = new Int32Array(workerData.signal as SharedArrayBuffer);
const { port1: mine, port2: theirs } = new MessageChannel();
parentPort?.postMessage({ rpcPort: theirs }, [theirs]);

function call(service: string, method: string, args: unknown[]): unknown {
  Atomics.store(signal, 0, 0);
  mine.postMessage({ service, method, args });
  // A wake-up alone proves nothing: the scheduler stores the signal and then notifies, and when this thread saw
  // the stored value before that notify came (so never slept), the late notify wakes the next call before its
  // reply exists. Only the value says the reply is posted, and postMessage has queued it by then.
  while (Atomics.load(signal, 0) === 0) Atomics.wait(signal, 0, 0);
  const received = receiveMessageOnPort(mine as MessagePort);
  if (!received) throw new Error(`harness: signalled for ${service}.${method} with no reply queued`);
  const reply = received.message as { value?: unknown; error?: string };
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
      kept: { t: 1, u: 'u', file: `f-${action.turn}`, mime: 'image/png', w: 8, h: 8 },
      exists: () => true,
    });
  }
}

parentPort?.on('message', (job: Job) => {
  noLock = job.noLock;
  const failures: string[] = [];
  const outcomes: Outcome[] = job.actions.map((action, n) => {
    try {
      run(action);
      return 'ok';
    } catch (error) {
      if ((error as { code?: string }).code === 'BUSY') return 'BUSY';
      failures.push(`action ${n} (${action.kind}): ${error instanceof Error ? error.stack : String(error)}`);
      return 'failed';
    }
  });
  call('end', 'end', []);
  parentPort?.postMessage({ outcomes, failures } satisfies Report);
});
