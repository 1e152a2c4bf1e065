/**
 * The runtime enforces Apps Script's rules on a script: each test runs a tiny Code.js in a temporary project
 * through the real Runtime (worker thread, fresh context, main-thread services).
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Project, project, server, type TestServer } from './fixtures';
import { geminiRewrites, Runtime, type RuntimeOptions, TIMEOUT_MESSAGE, World } from './index';
import { LOCK_TIMEOUT_MESSAGE } from './services/lock';

const CODE = `
var loadedAt = Date.now();
function echo(value) { return value; }
function greet(name) { Logger.log('hello %s', name); return { greeting: 'hello ' + name }; }
function sidebarData() { return { title: 'x', created: new Date(2024, 0, 1) }; }
function shaped() { return { list: [1, undefined, 'two'], gone: undefined, nested: { keep: true, drop: undefined } }; }
function secret_() { return 'private'; }
var notAFunction = 42;
const arrowLike = function () { return 'const function'; };

function globalsSeen() {
  var names = ['fetch', 'setTimeout', 'setInterval', 'setImmediate', 'clearTimeout', 'TextEncoder', 'TextDecoder',
    'URL', 'URLSearchParams', 'structuredClone', 'atob', 'btoa', 'Buffer', 'require', 'process',
    'queueMicrotask', 'module', 'exports', 'global', 'navigator', 'performance', 'crypto', 'Blob', 'Response'];
  var seen = {};
  names.forEach(function (n) { seen[n] = typeof globalThis[n]; });
  return seen;
}
function servicesSeen() {
  return ['SlidesApp', 'DocumentApp', 'PropertiesService', 'LockService', 'CacheService', 'UrlFetchApp',
    'Utilities', 'HtmlService', 'ScriptApp', 'Session', 'Logger', 'console', 'MimeType', 'Promise', 'WebAssembly']
    .map(function (n) { return n + ':' + typeof globalThis[n]; });
}

function bigProperty(bytes) {
  var props = PropertiesService.getUserProperties();
  props.setProperty('small', 'ok');
  try {
    props.setProperty('big', new Array(bytes + 1).join('x'));
    return { threw: false, stored: props.getProperty('big') !== null };
  } catch (e) {
    return { threw: true, isError: e instanceof Error, name: e.name, message: e.message, text: String(e),
      stored: props.getProperty('big') !== null, small: props.getProperty('small') };
  }
}

function critical(tag, holdMs) {
  var lock = LockService.getDocumentLock();
  lock.waitLock(20000);
  var props = PropertiesService.getDocumentProperties();
  props.setProperty('trace', (props.getProperty('trace') || '') + tag + '>');
  Utilities.sleep(holdMs);
  props.setProperty('trace', props.getProperty('trace') + '<' + tag + ' ');
  lock.releaseLock();
}
function unlocked(tag, holdMs) {
  var props = PropertiesService.getDocumentProperties();
  props.setProperty('trace', (props.getProperty('trace') || '') + tag + '>');
  Utilities.sleep(holdMs);
  props.setProperty('trace', props.getProperty('trace') + '<' + tag + ' ');
}
function holdLockForever() { LockService.getDocumentLock().waitLock(1000); while (true) {} }
function tryDocumentLock(ms) {
  var lock = LockService.getDocumentLock();
  var got = lock.tryLock(ms);
  return { got: got, has: lock.hasLock() };
}
function waitDocumentLock(ms) {
  try { LockService.getDocumentLock().waitLock(ms); return 'locked'; } catch (e) { return e.name + ': ' + e.message; }
}
function documentLockIsNull() { return LockService.getDocumentLock() === null; }

function spin() { while (true) {} }
function sleepLong() { Utilities.sleep(60000); }
function slow(ms) { Utilities.sleep(ms); return ms; }

function fetchOne(url, options) {
  var r = UrlFetchApp.fetch(url, options || {});
  return { code: r.getResponseCode(), text: r.getContentText(), type: r.getHeaders()['Content-Type'] };
}
function fetchMany(urls) {
  var started = Date.now();
  var responses = UrlFetchApp.fetchAll(urls);
  return { ms: Date.now() - started, texts: responses.map(function (r) { return r.getContentText(); }) };
}
function fetchError(url, options) {
  try { UrlFetchApp.fetch(url, options || {}); return 'no error'; } catch (e) { return e.name + ': ' + e.message; }
}
function fetchImage(url) {
  var blob = UrlFetchApp.fetch(url).getBlob();
  return { type: blob.getContentType(), size: blob.getBytes().length, b64: Utilities.base64Encode(blob.getBytes()) };
}

function authProbe() {
  var out = {};
  [['properties', function () { PropertiesService.getUserProperties(); }],
   ['cache', function () { CacheService.getScriptCache(); }],
   ['lock', function () { LockService.getScriptLock(); }],
   ['fetch', function () { UrlFetchApp.fetch('not-a-url'); }],
   ['token', function () { ScriptApp.getOAuthToken(); }],
   ['html', function () { HtmlService.createHtmlOutput('x'); }],
   ['utilities', function () { Utilities.getUuid(); }]].forEach(function (probe) {
    try { probe[1](); out[probe[0]] = 'ok'; }
    catch (e) { out[probe[0]] = /permission/.test(e.message) ? 'denied' : e.name + ': ' + e.message; }
  });
  out.email = Session.getActiveUser().getEmail();
  out.mode = ScriptApp.AuthMode.NONE;
  return out;
}
function onOpen(e) { PropertiesService.getScriptProperties().setProperty('opened', e.authMode); }

function handles() {
  var out = HtmlService.createHtmlOutput(Utilities.newBlob('<b>hi</b>', 'text/html'));
  var same = out.setTitle('T').setWidth(500) === out;
  return { same: same, title: out.getTitle(), content: out.getContent(), width: out.getWidth(),
    sandbox: HtmlService.SandboxMode.IFRAME };
}
function fromFile(name) { return HtmlService.createHtmlOutputFromFile(name).getContent(); }
function cacheLimits() {
  var cache = CacheService.getScriptCache();
  var out = {};
  try { cache.put('big', new Array(100 * 1024 + 2).join('x')); out.big = 'stored'; } catch (e) { out.big = e.message; }
  try { cache.put(new Array(252).join('k'), 'v'); out.key = 'stored'; } catch (e) { out.key = e.message; }
  cache.put('short', 'v', 2);
  cache.putAll({ a: '1', b: '2' });
  out.all = cache.getAll(['a', 'b', 'c']);
  return out;
}
function cacheGet(key) { return CacheService.getScriptCache().get(key); }
function utilities() {
  var bytes = Utilities.base64Decode('/+8=');
  return {
    bytes: bytes,
    again: Utilities.base64Encode(bytes),
    webSafe: Utilities.base64EncodeWebSafe(bytes),
    digest: Utilities.base64Encode(Utilities.computeDigest(Utilities.DigestAlgorithm.SHA_256, 'abc')),
    uuid: /^[0-9a-f-]{36}$/.test(Utilities.getUuid()),
    mime: MimeType.PNG,
    arrayRealm: Utilities.base64Decode('AA==') instanceof Array,
  };
}
function asyncValue() { return Promise.resolve(7).then(function (v) { return v * 6; }); }
function thrower() { throw new Error('broken on purpose'); }
function objectError() { return { list: [new Map()] }; }
`;

let proj: Project;
const runtimes: Runtime[] = [];

function runtime(options: Partial<RuntimeOptions> = {}): Runtime {
  const rt = new Runtime({ distDir: proj.dir, world: new World({ document: deck() }), ...options });
  runtimes.push(rt);
  return rt;
}

function deck(): World['document'] {
  return {
    kind: 'deck',
    id: 'deck-1',
    name: 'Deck',
    pageWidth: 720,
    pageHeight: 405,
    slides: [],
    selection: { pageId: null, elementIds: [], text: null },
  };
}

beforeAll(async () => {
  proj = await project(CODE, {
    manifest: { timeZone: 'Etc/UTC', urlFetchWhitelist: ['https://generativelanguage.googleapis.com/'] },
    files: { 'Panel.html': '<p>panel</p>' },
  });
});

afterEach(async () => {
  await Promise.all(runtimes.splice(0).map((rt) => rt.close()));
});

afterAll(async () => {
  await proj.remove();
});

describe('a fresh Apps Script context per execution', () => {
  it('shows the script none of the globals Apps Script lacks', async () => {
    const { value, record } = await runtime().run('globalsSeen');
    expect(record.status).toBe('ok');
    const seen = value as Record<string, string>;
    expect(Object.entries(seen).filter(([, type]) => type !== 'undefined')).toEqual([]);
  });

  it('shows the services, Logger, console and the ECMAScript built-ins', async () => {
    const { value } = await runtime().run('servicesSeen');
    expect(value).toEqual([
      'SlidesApp:object',
      'DocumentApp:object',
      'PropertiesService:object',
      'LockService:object',
      'CacheService:object',
      'UrlFetchApp:object',
      'Utilities:object',
      'HtmlService:object',
      'ScriptApp:object',
      'Session:object',
      'Logger:object',
      'console:object',
      'MimeType:object',
      'Promise:function',
      'WebAssembly:object',
    ]);
  });

  it('re-reads Code.js for every execution', async () => {
    const dir = await project('function version() { return 1; }');
    try {
      const rt = runtime({ distDir: dir.dir });
      expect((await rt.run('version')).value).toBe(1);
      await writeFile(path.join(dir.dir, 'Code.js'), 'function version() { return 2; }');
      expect((await rt.run('version')).value).toBe(2);
    } finally {
      await dir.remove();
    }
  });

  it('records logs, per-service call counts and errors with the script frames', async () => {
    const rt = runtime();
    const heard: string[] = [];
    const unsubscribe = rt.onExecution((record) => heard.push(`${record.functionName}:${record.status}`));
    const ok = await rt.run('greet', ['Ada'], { trigger: 'script.run' });
    expect(ok.value).toEqual({ greeting: 'hello Ada' });
    expect(ok.record.logs).toEqual(['INFO hello Ada']);
    expect(ok.record.serviceCalls).toEqual({ Logger: 1 });

    const handled = await rt.run('handles');
    expect(handled.record.serviceCalls).toEqual({ HtmlService: 6, Utilities: 1 });

    const failed = await rt.run('thrower', [], { trigger: 'script.run' });
    expect(failed.error).toEqual({ name: 'Error', message: 'broken on purpose' });
    expect(failed.record.status).toBe('error');
    expect(failed.record.error).toBe('Error: broken on purpose');
    expect(failed.record.logs.at(-1)).toMatch(/^ERROR Error: broken on purpose\n\s+at thrower \(Code\.js:\d+:\d+\)/);
    expect(rt.executions.map((r) => r.functionName)).toEqual(['greet', 'handles', 'thrower']);
    expect(heard).toEqual(['greet:ok', 'handles:ok', 'thrower:error']);
    unsubscribe();
    await rt.run('greet', ['again']);
    expect(heard).toHaveLength(3);
  });

  it('settles an async entry point before answering', async () => {
    expect((await runtime().run('asyncValue', [], { trigger: 'script.run' })).value).toBe(42);
  });
});

describe('warm workers', () => {
  // Module state, a global the script adds, and a built-in it patches: none may survive into the next execution.
  const STATEFUL = `
var counter = 0;
function bump() {
  counter++;
  globalThis.leaked = (globalThis.leaked || 0) + 1;
  Array.prototype.patched = true;
  return { counter: counter, leaked: leaked, before: typeof sawBefore, services: typeof SlidesApp };
}
var sawBefore = typeof leaked === 'undefined' && [].patched === undefined ? undefined : 'state from before';
function spin() { counter++; while (true) {} }
`;

  it('gives every execution a fresh context, even one handed a worker started ahead of time', async () => {
    const dir = await project(STATEFUL);
    try {
      const rt = runtime({ distDir: dir.dir });
      const results = [];
      for (let i = 0; i < 4; i++) results.push(await rt.run('bump', [], { trigger: 'script.run' }));
      for (const { value } of results) {
        expect(value).toEqual({ counter: 1, leaked: 1, before: 'undefined', services: 'object' });
      }
      // The first execution started its worker; the next ones got workers the runtime had started ahead.
      expect(results.map((r) => r.record.worker)).toEqual(['cold', 'warm', 'warm', 'warm']);
      expect(results.every((r) => r.record.startupMs !== null)).toBe(true);
    } finally {
      await dir.remove();
    }
  });

  it('never hands out the worker of an execution that timed out', async () => {
    const dir = await project(STATEFUL);
    try {
      const rt = runtime({ distDir: dir.dir });
      await rt.run('bump');
      // Only the spinning script gets a short limit: the others start on fresh workers, which take what they take.
      const stopped = await rt.run('spin', [], { executionLimitMs: 300 });
      expect(stopped.record.status).toBe('timeout');
      const after = await rt.run('bump', [], { trigger: 'script.run' });
      expect(after.value).toEqual({ counter: 1, leaked: 1, before: 'undefined', services: 'object' });
      expect(after.record.worker).toBe('warm');
    } finally {
      await dir.remove();
    }
  });

  it('runs a rebuilt Code.js though the waiting workers prepared the previous one', async () => {
    const dir = await project('var built = 1; function version() { return built; }');
    const rebuild = (code: string) => writeFile(path.join(dir.dir, 'Code.js'), code);
    try {
      const rt = runtime({ distDir: dir.dir });
      expect((await rt.run('version')).value).toBe(1);
      // Warm workers now wait with text 1 compiled; the same length, so only the text tells them apart.
      expect((await rt.run('version')).value).toBe(1);
      await rebuild('var built = 2; function version() { return built; }');
      const rebuilt = await rt.run('version');
      expect(rebuilt.value).toBe(2);
      expect(rebuilt.record.worker).toBe('warm');
      await rebuild('var built = 3; function version() { return built; ');
      const broken = await rt.run('version');
      expect(broken.error?.name).toBe('SyntaxError');
      // The workers prepared the broken text: it fails the same way when it is the one on disk...
      expect((await rt.run('version')).error?.name).toBe('SyntaxError');
      // ...and gives way to the fixed one.
      await rebuild('var built = 4; function version() { return built; }');
      expect((await rt.run('version')).value).toBe(4);
      expect((await rt.run('version')).value).toBe(4);
    } finally {
      await dir.remove();
    }
  });

  it('warms its Byte[] conversions where the script cannot see it: the same bytes, only its own calls counted', async () => {
    const dir = await project(`
function convert(text) {
  var bytes = Utilities.base64Decode(text);
  var blob = Utilities.newBlob(bytes, 'image/png');
  var back = blob.getBytes();
  return { head: back.slice(0, 4), length: back.length, array: back instanceof Array, same: Utilities.base64Encode(back) === text };
}`);
    // Every byte value, the negative ones first: a Byte[] holds -128 to 127.
    const sample = Buffer.from(Array.from({ length: 3000 }, (_, i) => (255 - i) & 0xff));
    const text = sample.toString('base64');
    try {
      const rt = runtime({ distDir: dir.dir });
      const runs = [];
      for (let i = 0; i < 3; i++) runs.push(await rt.run('convert', [text], { trigger: 'script.run' }));
      expect(runs.map((r) => r.record.worker)).toEqual(['cold', 'warm', 'warm']);
      for (const { value, record } of runs) {
        expect(value).toEqual({ head: [-1, -2, -3, -4], length: 3000, array: true, same: true });
        expect(record.serviceCalls).toEqual({ Utilities: 3 });
      }
      // A warmed worker charges what a cold one does: the warming is no call of the script's.
      const [cold, ...warm] = runs.map((r) => r.record.platform.calls);
      for (const ms of warm) expect(ms).toBe(cold);
    } finally {
      await dir.remove();
    }
  });

  it('starts a worker per execution when told to keep none warm', async () => {
    const rt = runtime({ warmWorkers: 0 });
    const kinds = [];
    for (let i = 0; i < 3; i++) kinds.push((await rt.run('echo', [i])).record.worker);
    expect(kinds).toEqual(['cold', 'cold', 'cold']);
  });
});

describe('google.script.run', () => {
  it('cannot call a function whose name ends in _, nor anything but a top-level function', async () => {
    const rt = runtime();
    for (const name of ['secret_', 'notAFunction', 'missing', 'eval', 'Object', 'Utilities', 'loadedAt']) {
      const result = await rt.run(name, [], { trigger: 'script.run' });
      expect(result.error, name).toEqual({ name: 'Exception', message: `Script function not found: ${name}` });
    }
    // The same private function runs from a trigger or a test: only google.script.run refuses it.
    expect((await rt.run('secret_')).value).toBe('private');
    expect((await rt.run('arrowLike', [], { trigger: 'script.run' })).value).toBe('const function');
  });

  it('fails the call when the function returns a Date', async () => {
    const result = await runtime().run('sidebarData', [], { trigger: 'script.run' });
    expect(result.record.status).toBe('error');
    expect(result.error?.message).toMatch(/^Failed due to illegal value in property: created \(a Date/);
    expect(result.value).toBeUndefined();
  });

  it('fails the call for other non-plain values too', async () => {
    const result = await runtime().run('objectError', [], { trigger: 'script.run' });
    expect(result.error?.message).toMatch(/illegal value in property: list\[0\] \(a Map/);
  });

  it('copies values as Apps Script does: undefined in arrays becomes null, undefined fields go', async () => {
    const result = await runtime().run('shaped', [], { trigger: 'script.run' });
    expect(result.value).toEqual({ list: [1, null, 'two'], nested: { keep: true } });
    expect(Object.keys(result.value as object)).toEqual(['list', 'nested']);
  });

  it('refuses a Date argument before the function starts', async () => {
    const rt = runtime();
    const result = await rt.run('echo', [{ when: new Date() }], { trigger: 'script.run' });
    expect(result.error?.message).toMatch(/^Failed due to illegal value in property: \[0\]\.when \(a Date/);
    expect(result.record.logs).toEqual([]);
    expect((await rt.run('echo', [[1, undefined]], { trigger: 'script.run' })).value).toEqual([1, null]);
  });

  it('runs at most 10 calls at once: the 11th waits for a slot', async () => {
    const rt = runtime();
    const holdMs = 1500;
    const results = await Promise.all(
      Array.from({ length: 11 }, () => rt.run('slow', [holdMs], { trigger: 'script.run' })),
    );
    expect(results.every((r) => r.record.status === 'ok')).toBe(true);
    const waited = results.filter((r) => r.record.queuedMs >= holdMs * 0.8);
    expect(waited).toHaveLength(1);
    // The waiting call started only after a running one had finished.
    const late = waited[0]?.record;
    const firstEnd = Math.min(
      ...results.filter((r) => r.record !== late).map((r) => r.record.startedAt + r.record.durationMs),
    );
    expect(late?.startedAt).toBeGreaterThanOrEqual(firstEnd - 5);
    // Other triggers are not google.script.run calls and are not held back.
    const direct = await Promise.all(Array.from({ length: 11 }, () => rt.run('slow', [200])));
    expect(direct.every((r) => r.record.queuedMs < 100)).toBe(true);
  });
});

describe('PropertiesService', () => {
  it('fails a value over 9 KB as Apps Script does and stores nothing', async () => {
    const rt = runtime();
    const { value } = await rt.run('bigProperty', [9 * 1024 + 1]);
    expect(value).toEqual({
      threw: true,
      isError: true,
      name: 'Exception',
      message: 'Argument too large: value',
      text: 'Exception: Argument too large: value',
      stored: false,
      small: 'ok',
    });
    expect((await rt.run('bigProperty', [9 * 1024])).value).toEqual({ threw: false, stored: true });
    expect(rt.world.properties.user('newcomer@example.com').snapshot().big).toHaveLength(9 * 1024);
  });
});

describe('LockService', () => {
  it('keeps two overlapping executions out of the document lock at the same time', async () => {
    const rt = runtime();
    const [a, b] = await Promise.all([rt.run('critical', ['a', 400]), rt.run('critical', ['b', 400])]);
    expect([a.record.status, b.record.status]).toEqual(['ok', 'ok']);
    const trace = rt.world.properties.document('deck-1').snapshot().trace;
    expect(['a><a b><b ', 'b><b a><a ']).toContain(trace);
  });

  it('interleaves the same code without the lock (the check above can fail)', async () => {
    const rt = runtime();
    await Promise.all([rt.run('unlocked', ['a', 1000]), rt.run('unlocked', ['b', 1000])]);
    const trace = rt.world.properties.document('deck-1').snapshot().trace ?? '';
    expect(['a><a b><b ', 'b><b a><a ']).not.toContain(trace);
  });

  it('tryLock and waitLock give up while another execution holds the lock', async () => {
    const rt = runtime({ executionLimitMs: 3000 });
    const holder = rt.run('holdLockForever');
    while (rt.world.locks.snapshot().length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    expect((await rt.run('tryDocumentLock', [0])).value).toEqual({ got: false, has: false });
    expect((await rt.run('waitDocumentLock', [200])).value).toBe(`Exception: ${LOCK_TIMEOUT_MESSAGE}`);
    // The holder is stopped at its limit and its lock goes with it.
    expect((await holder).record.status).toBe('timeout');
    expect((await rt.run('tryDocumentLock', [0])).value).toEqual({ got: true, has: true });
  });

  it('has no document lock outside a document', async () => {
    const rt = new Runtime({ distDir: proj.dir, world: new World() });
    runtimes.push(rt);
    expect((await rt.run('documentLockIsNull')).value).toBe(true);
  });
});

describe('the execution limit', () => {
  it('stops a busy execution past its limit', async () => {
    const started = performance.now();
    const result = await runtime({ executionLimitMs: 500 }).run('spin', [], { trigger: 'script.run' });
    expect(result.record.status).toBe('timeout');
    expect(result.error).toEqual({ name: 'Exception', message: TIMEOUT_MESSAGE });
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('stops an execution blocked in Utilities.sleep', async () => {
    const result = await runtime({ executionLimitMs: 300 }).run('sleepLong');
    expect(result.record.status).toBe('timeout');
    expect(result.record.durationMs).toBeLessThan(5000);
  });
});

describe('UrlFetchApp', () => {
  let http: TestServer;
  const DELAY = 400;

  beforeAll(async () => {
    http = await server((req, res) => {
      if (req.url.startsWith('/fail')) {
        res.writeHead(500, { 'content-type': 'text/plain' }).end('boom: the server broke');
      } else if (req.url.startsWith('/png')) {
        res.writeHead(200, { 'content-type': 'image/png' }).end(Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]));
      } else {
        res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end(`${req.method} ${req.url} ${req.body}`);
      }
    }, DELAY);
  });

  afterAll(async () => {
    await http.close();
  });

  const open = () => runtime({ enforceAllowlist: false });

  it('throws on a 500 without muteHttpExceptions, and returns it with', async () => {
    const rt = open();
    const thrown = await rt.run('fetchError', [`${http.base}/fail/x`]);
    expect(thrown.value).toBe(
      `Exception: Request failed for ${http.base} returned code 500. Truncated server response: boom: the server broke ` +
        '(use muteHttpExceptions option to examine full response)',
    );
    const muted = await rt.run('fetchOne', [`${http.base}/fail/x`, { muteHttpExceptions: true }]);
    expect(muted.value).toEqual({ code: 500, text: 'boom: the server broke', type: 'text/plain' });
    expect(muted.record.fetches).toMatchObject([{ url: `${http.base}/fail/x`, method: 'GET', status: 500 }]);
  });

  it('sends method, headers and payload', async () => {
    const rt = open();
    const result = await rt.run('fetchOne', [
      `${http.base}/echo`,
      { method: 'post', contentType: 'application/json', payload: '{"a":1}', headers: { 'X-Test': 'yes' } },
    ]);
    expect(result.value).toMatchObject({ code: 200, text: 'POST /echo {"a":1}' });
    const seen = http.requests.at(-1);
    expect(seen?.headers['content-type']).toBe('application/json');
    expect(seen?.headers['x-test']).toBe('yes');
    expect(seen?.headers['user-agent']).toMatch(/Google-Apps-Script/);
    expect(result.record.fetches[0]).toMatchObject({ method: 'POST', status: 200, requestBytes: 7 });
  });

  it('runs fetchAll requests in parallel', async () => {
    const rt = open();
    const urls = [1, 2, 3, 4].map((n) => `${http.base}/item/${n}`);
    const single = await rt.run('fetchMany', [urls.slice(0, 1)]);
    const four = await rt.run('fetchMany', [urls]);
    type Timed = { ms: number; texts: string[] };
    const [one, all] = [single.value as Timed, four.value as Timed];
    expect(all.texts).toEqual(urls.map((_u, i) => `GET /item/${i + 1} `));
    const ratio = all.ms / one.ms;
    console.log(
      `fetchAll of 4 requests (${DELAY} ms each): ${all.ms} ms; one fetch: ${one.ms} ms; ratio ${ratio.toFixed(2)}`,
    );
    // Sequential requests would take about four times as long.
    expect(ratio).toBeLessThan(3);
    expect(four.record.fetches).toHaveLength(4);
  });

  it('rewrites Gemini URLs to a local server', async () => {
    const rt = runtime({ urlRewrites: geminiRewrites(http.base) });
    const url = 'https://generativelanguage.googleapis.com/v1beta/models/m:generateContent?alt=json';
    const result = await rt.run('fetchOne', [url, { method: 'post', payload: '{}', contentType: 'application/json' }]);
    expect(result.value).toMatchObject({ code: 200, text: 'POST /v1beta/models/m:generateContent?alt=json {}' });
    expect(result.record.fetches[0]).toMatchObject({
      url,
      sentTo: `${http.base}/v1beta/models/m:generateContent?alt=json`,
      status: 200,
    });
  });

  it('refuses URLs outside the manifest urlFetchWhitelist', async () => {
    const result = await runtime().run('fetchError', [`${http.base}/echo`]);
    expect(result.value).toBe(
      `Exception: Request to ${http.base}/echo failed because the URL has not been whitelisted in the script manifest.`,
    );
    expect(http.requests.some((r) => r.url === '/echo' && r.method === 'GET')).toBe(false);
  });

  it('gives up at the fetch deadline with a timeout exception', async () => {
    const result = await runtime({ enforceAllowlist: false, fetchDeadlineMs: 100 }).run('fetchError', [
      `${http.base}/slow`,
    ]);
    expect(result.value).toBe(`Exception: Timeout: ${http.base}/slow`);
    expect(result.record.fetches[0]?.error).toBe(`Timeout: ${http.base}/slow`);
  });

  it('refuses URLs over 2 KB before sending', async () => {
    const result = await open().run('fetchError', [`${http.base}/${'x'.repeat(2100)}`]);
    expect(result.value).toBe('Exception: Limit Exceeded: URLFetch URL Length.');
    expect(result.record.fetches).toEqual([]);
  });

  it('hands response bodies over as Blobs', async () => {
    const result = await open().run('fetchImage', [`${http.base}/png`]);
    expect(result.value).toEqual({
      type: 'image/png',
      size: 7,
      b64: Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]).toString('base64'),
    });
  });
});

describe('authorization modes', () => {
  it('refuses services needing authorization in AuthMode.NONE but keeps the rest', async () => {
    const { value } = await runtime().run('authProbe', [], { authMode: 'NONE' });
    expect(value).toEqual({
      properties: 'denied',
      cache: 'denied',
      lock: 'denied',
      fetch: 'denied',
      token: 'denied',
      html: 'ok',
      utilities: 'ok',
      email: '',
      mode: 'NONE',
    });
  });

  it('lets a LIMITED simple trigger use properties but not UrlFetchApp', async () => {
    const { value } = await runtime().run('authProbe', [], { authMode: 'LIMITED' });
    expect(value).toMatchObject({ properties: 'ok', cache: 'ok', lock: 'ok', fetch: 'denied', token: 'ok' });
  });

  it('passes onOpen its event with the authorization mode', async () => {
    const rt = runtime();
    await rt.run('onOpen', [], { trigger: 'onOpen' });
    expect(rt.world.properties.script.snapshot().opened).toBe('LIMITED');
    await rt.run('onOpen', [], { trigger: 'onInstall' });
    expect(rt.world.properties.script.snapshot().opened).toBe('FULL');
  });

  it('gives the email to FULL executions', async () => {
    const { value } = await runtime({ user: 'ada@example.com' }).run('authProbe');
    expect(value).toMatchObject({
      email: 'ada@example.com',
      properties: 'ok',
      fetch: 'Exception: Invalid argument: not-a-url',
    });
  });
});

describe('other services', () => {
  it('keeps handles stable across chained calls and carries Blobs to main-thread services', async () => {
    const { value } = await runtime().run('handles');
    expect(value).toEqual({ same: true, title: 'T', content: '<b>hi</b>', width: 500, sandbox: 'IFRAME' });
  });

  it('reads HTML files from the dist folder', async () => {
    const rt = runtime();
    expect((await rt.run('fromFile', ['Panel'])).value).toBe('<p>panel</p>');
    expect((await rt.run('fromFile', ['Nope'])).error).toEqual({
      name: 'Exception',
      message: 'No HTML file named Nope was found.',
    });
  });

  it('applies CacheService limits and expiry', async () => {
    let now = 1_000_000;
    const world = new World({ now: () => now });
    const rt = runtime({ world });
    const { value } = await rt.run('cacheLimits');
    expect(value).toEqual({
      big: 'Argument too large: value',
      key: 'Argument too large: key',
      all: { a: '1', b: '2' },
    });
    expect((await rt.run('cacheGet', ['short'])).value).toBe('v');
    now += 2_000;
    expect((await rt.run('cacheGet', ['short'])).value).toBeNull();
    expect((await rt.run('cacheGet', ['a'])).value).toBe('1');
    now += 600_000;
    expect((await rt.run('cacheGet', ['a'])).value).toBeNull();
  });

  it('implements Utilities with signed bytes and arrays of the script realm', async () => {
    const { value } = await runtime().run('utilities');
    expect(value).toEqual({
      bytes: [-1, -17],
      again: '/+8=',
      webSafe: '_-8=',
      digest: 'ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=',
      uuid: true,
      mime: 'image/png',
      arrayRealm: true,
    });
  });
});

describe('World', () => {
  it('round-trips the document, properties and UI through JSON', async () => {
    const rt = runtime();
    await rt.run('bigProperty', [10]);
    await rt.run('critical', ['a', 0]);
    rt.world.ui.alerts.push('hello');
    const copy = World.fromJSON(JSON.parse(JSON.stringify(rt.world)));
    expect(copy.document).toEqual(rt.world.document);
    expect(copy.properties.toJSON()).toEqual(rt.world.properties.toJSON());
    expect(copy.properties.document('deck-1').snapshot()).toEqual({ trace: 'a><a ' });
    expect(copy.ui.alerts).toEqual(['hello']);
  });
});
