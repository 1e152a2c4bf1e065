/**
 * `google.script.run` and `google.script.host` for the sidebar in the workbench: injected first into the
 * served Sidebar.html. The frame is sandboxed as Apps Script sandboxes it (scripts, no same origin), so it
 * cannot fetch the workbench's /rpc: it posts each call to the workbench page, which relays it there
 * (page/relay.ts) and posts the answer back. Only messages from the parent window, from the workbench's origin,
 * are taken as answers.
 *
 * It keeps the behaviours Peel's client depends on:
 * - each `with…` call returns a new runner, so handlers never leak onto `google.script.run` itself;
 * - only the script's top-level functions exist (not ending in `_`), so `run.typo` is undefined;
 * - arguments are copied as JSON, illegal values (Date, functions, …) throw at the call;
 * - handlers run asynchronously, with the user object as second argument;
 * - the failure handler gets an Error carrying only the server's message;
 * - at most 10 calls run at once, later ones wait.
 */

interface ShimConfig {
  readonly functions: readonly string[];
  /** The workbench page's origin: the only one this frame talks to. */
  readonly parentOrigin: string;
}

type SuccessHandler = (value: unknown, userObject?: unknown) => void;
type FailureHandler = (error: Error, userObject?: unknown) => void;

interface RunnerState {
  readonly success?: SuccessHandler;
  readonly failure?: FailureHandler;
  readonly userObject?: unknown;
}

type Answer = { ok: true; value?: unknown } | { ok: false; error: { name: string; message: string } };

const config: ShimConfig = (window as unknown as { __peelWorkbench?: ShimConfig }).__peelWorkbench ?? {
  functions: [],
  parentOrigin: window.location.origin,
};

let lastId = 0;
const pending = new Map<number, (answer: Answer | null) => void>();

window.addEventListener('message', (event: MessageEvent<{ peelWorkbench?: string; id?: number; answer?: Answer }>) => {
  // Anything else could post here (the document itself, a frame it opened): only the workbench page answers.
  if (event.source !== window.parent || event.origin !== config.parentOrigin) return;
  const { peelWorkbench, id, answer } = event.data ?? {};
  if (peelWorkbench !== 'rpc-answer' || typeof id !== 'number') return;
  const settle = pending.get(id);
  pending.delete(id);
  settle?.(answer && typeof answer === 'object' ? answer : null);
});

/** One call through the workbench page; null when the relay itself failed (as an HTTP 0 in Apps Script). */
function relay(body: string): Promise<Answer | null> {
  const id = ++lastId;
  return new Promise((resolve) => {
    pending.set(id, resolve);
    window.parent.postMessage({ peelWorkbench: 'rpc', id, body }, config.parentOrigin);
  });
}

const MAX_CONCURRENT = 10;
let active = 0;
const waiting: (() => void)[] = [];

function schedule(task: () => Promise<void>): void {
  const start = () => {
    active++;
    task().finally(() => {
      active--;
      waiting.shift()?.();
    });
  };
  if (active < MAX_CONCURRENT) start();
  else waiting.push(start);
}

/** google.script.run refuses these anywhere inside an argument; the message is Apps Script's. */
function checkLegal(value: unknown, where: string): void {
  if (value === null || value === undefined) return;
  const type = typeof value;
  if (type === 'string' || type === 'number' || type === 'boolean') return;
  if (type === 'function' || type === 'symbol' || type === 'bigint' || value instanceof Date) {
    throw new Error(`Failed due to illegal value in property: ${where}`);
  }
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      checkLegal(item, String(i));
    });
    return;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null) {
    throw new Error(`Failed due to illegal value in property: ${where}`);
  }
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) checkLegal(item, key);
}

function later(fn: () => void): void {
  setTimeout(fn, 0);
}

function call(name: string, args: unknown[], state: RunnerState): void {
  args.forEach((arg, i) => {
    checkLegal(arg, String(i));
  });
  // JSON is the copy google.script.run makes: undefined in arrays becomes null, undefined fields vanish.
  const body = JSON.stringify({ name, args });
  const fail = (error: Error) => {
    if (state.failure) later(() => state.failure?.(error, state.userObject));
    else console.error(`google.script.run.${name} failed:`, error.message);
  };
  schedule(async () => {
    const answer = await relay(body);
    if (!answer) {
      // What Apps Script reports when the request itself fails.
      fail(new Error('NetworkError: Connection failure due to HTTP 0'));
      return;
    }
    if (answer.ok) {
      const value = answer.value;
      if (state.success) later(() => state.success?.(value, state.userObject));
    } else {
      const error = new Error(answer.error.message);
      error.name = answer.error.name || 'ScriptError';
      fail(error);
    }
  });
}

function runner(state: RunnerState): object {
  const methods = {
    withSuccessHandler: (handler: SuccessHandler) => runner({ ...state, success: handler }),
    withFailureHandler: (handler: FailureHandler) => runner({ ...state, failure: handler }),
    withUserObject: (userObject: unknown) => runner({ ...state, userObject }),
  };
  return new Proxy(methods, {
    get(target, property) {
      if (typeof property !== 'string') return undefined;
      if (Object.hasOwn(target, property)) return target[property as keyof typeof methods];
      if (!config.functions.includes(property)) return undefined;
      return (...args: unknown[]) => call(property, args, state);
    },
    has(target, property) {
      return typeof property === 'string' && (Object.hasOwn(target, property) || config.functions.includes(property));
    },
  });
}

function tellEditor(type: 'close' | 'focus'): void {
  window.parent.postMessage({ peelWorkbench: type }, config.parentOrigin);
}

const google = {
  script: {
    run: runner({}),
    host: {
      origin: config.parentOrigin,
      close: () => tellEditor('close'),
      editor: { focus: () => tellEditor('focus') },
      // Sidebars are always 300 px; these only size dialogs, which the workbench shows at their set size.
      setHeight: (_height: number) => {},
      setWidth: (_width: number) => {},
    },
    url: {
      getLocation: (callback: (location: unknown) => void) =>
        later(() => callback({ hash: '', parameter: {}, parameters: {} })),
    },
    history: { push: () => {}, replace: () => {}, setChangeHandler: () => {} },
  },
};

(window as unknown as { google: typeof google }).google = google;
