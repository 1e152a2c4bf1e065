/**
 * The workbench server without a browser: its HTTP contract with the page and the sidebar shim, the backend
 * choice, and the state file (kept across restarts, reset on demand, never holding a real key).
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { World } from '../runtime/index';
import type { DeckState, DocumentState } from '../runtime/model';
import { demoDeck, demoDoc } from '../runtime/seed';
import type { RpcResponse, WorkbenchState } from './protocol';
import {
  callableFunctions,
  documentStoreUse,
  EMULATOR_API_KEY,
  injectShim,
  isOwnRequest,
  resolveBackend,
  startWorkbench,
  type Workbench,
  workbenchUser,
} from './server';

const distDir = path.resolve(import.meta.dirname, '../../dist');

async function post<T = WorkbenchState>(wb: Workbench, route: string, body: unknown = {}): Promise<T> {
  const response = await fetch(`${wb.url}${route}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${route}: HTTP ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

async function state(wb: Workbench): Promise<WorkbenchState> {
  return (await (await fetch(`${wb.url}/api/state`)).json()) as WorkbenchState;
}

describe('resolveBackend', () => {
  it('uses the emulator unless the environment names another backend', () => {
    expect(resolveBackend({}, 'http://127.0.0.1:9', 3000)).toEqual({
      info: { kind: 'emulator', label: 'Gemini emulator', target: 'http://127.0.0.1:9', latencyMs: 3000 },
      rewrite: 'http://127.0.0.1:9',
    });
    expect(resolveBackend({ GEMINI_API_KEY: 'k' }, null, 0)).toMatchObject({ info: { kind: 'gemini' }, rewrite: null });
    expect(resolveBackend({ GEMINI_API_KEY: 'k', GOOGLE_GEMINI_BASE_URL: 'http://proxy:1/' }, null, 0)).toMatchObject({
      info: { kind: 'custom', target: 'http://proxy:1/' },
      rewrite: 'http://proxy:1/',
    });
  });
});

describe('workbenchUser', () => {
  it('takes a plain e-mail address and makes anything else the default user', () => {
    expect(workbenchUser('bea@example.com')).toBe('bea@example.com');
    expect(workbenchUser('Bea.Two+x@Example.co.uk')).toBe('bea.two+x@example.co.uk');
    for (const bad of [null, undefined, '', 'bea', 'bea@example', '"Bea" <bea@example.com>', 'a b@example.com']) {
      expect(workbenchUser(bad)).toBe('newcomer@example.com');
    }
    expect(workbenchUser('<script>@example.com')).toBe('newcomer@example.com');
    expect(workbenchUser(`${'a'.repeat(250)}@example.com`)).toBe('newcomer@example.com');
  });
});

describe('documentStoreUse', () => {
  it("counts keys and values in UTF-8 bytes against the 500 KB store, without creating a document's store", () => {
    const world = new World({
      properties: { documents: { d1: { 'peel.a': 'vé', b: '{}' } }, users: { u: { big: 'x'.repeat(99) } } },
    });
    expect(documentStoreUse(world, 'd1')).toEqual({ bytes: 6 + 3 + 1 + 2, limitBytes: 512_000, keys: 2 });
    expect(documentStoreUse(world, 'd2')).toEqual({ bytes: 0, limitBytes: 512_000, keys: 0 });
    expect(Object.keys(world.properties.toJSON().documents)).toEqual(['d1']);
  });
});

describe('the sidebar shim', () => {
  it('goes first inside <head>, after the doctype', () => {
    expect(injectShim('<!doctype html><html><head><title>x</title></head></html>', '<script>S</script>')).toBe(
      '<!doctype html><html><head><script>S</script><title>x</title></head></html>',
    );
    expect(injectShim('<!DOCTYPE html><p>bare</p>', '<script>S</script>')).toBe(
      '<!DOCTYPE html><script>S</script><p>bare</p>',
    );
  });

  it('lists only top-level functions google.script.run may call', () => {
    const code = 'var Peel = (() => {\n  function inner() {}\n})();\nfunction onOpen() {}\nfunction helper_() {}\n';
    expect(callableFunctions(code)).toEqual(['onOpen']);
  });
});

describe('startWorkbench', () => {
  let dir: string;
  let wb: Workbench | null = null;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'peel-workbench-server-'));
  });
  afterEach(async () => {
    await wb?.close();
    wb = null;
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const start = (name: string, extra: Parameters<typeof startWorkbench>[0] = {}) =>
    startWorkbench({ port: 0, latencyMs: 0, distDir, env: {}, stateFile: path.join(dir, name), ...extra });

  it('serves the page, runs onOpen, opens the sidebar from the menu with the shim inside', async () => {
    wb = await start('page.json');
    const page = await (await fetch(wb.url)).text();
    expect(page).toContain('<script src="/workbench.js">');
    expect((await fetch(`${wb.url}/workbench.js`)).status).toBe(200);

    const opened = await post(wb, '/api/open');
    expect(opened.backend.kind).toBe('emulator');
    expect(opened.menus.flatMap((m) => m.items)).toContainEqual({ caption: 'Open Peel', functionName: 'showSidebar' });
    expect(opened.executions[0]).toMatchObject({ functionName: 'onOpen', trigger: 'onOpen', authMode: 'LIMITED' });

    const shown = await post(wb, '/api/menu', { functionName: 'showSidebar' });
    expect(shown.sidebar?.title).toBe('Peel');
    const html = await (await fetch(`${wb.url}${shown.sidebar?.src}`)).text();
    expect(html.indexOf('__peelWorkbench')).toBeGreaterThan(html.toLowerCase().indexOf('<head'));
    expect(html).toMatch(/"functions":\[[^\]]*"getSidebarContext"/);

    await expect(post(wb, '/api/menu', { functionName: 'notOnTheMenu' })).rejects.toThrow(/400/);
  });

  it("shows the open document's property store use, and the other host's when it switches", async () => {
    const deck = demoDeck();
    const doc = demoDoc();
    const world = new World({ properties: { documents: { [deck.id]: { 'peel.thread': 'x'.repeat(1000) } } } });
    const file = path.join(dir, 'store-use.json');
    await writeFile(
      file,
      JSON.stringify({
        version: 1,
        host: 'deck',
        deck,
        doc,
        world: JSON.parse(JSON.stringify(world)),
        emulatorImages: [],
      }),
    );
    wb = await start('store-use.json');
    const opened = await post(wb, '/api/open');
    expect(opened.documentStore).toEqual({ bytes: 11 + 1000, limitBytes: 500 * 1024, keys: 1 });
    const switched = await post(wb, '/api/host', { host: 'doc' });
    expect(switched.documentStore).toEqual({ bytes: 0, limitBytes: 500 * 1024, keys: 0 });
  });

  it('answers /rpc with the value or the error, as google.script.run would', async () => {
    wb = await start('rpc.json');
    const ok = await post<RpcResponse>(wb, '/rpc', { name: 'getSidebarContext', args: [] });
    expect(ok).toMatchObject({ ok: true, value: { ok: true, value: { host: 'slides' } } });
    const missing = await post<RpcResponse>(wb, '/rpc', { name: 'noSuchFunction', args: [] });
    expect(missing.ok).toBe(false);
    const hidden = await post<RpcResponse>(wb, '/rpc', { name: 'secret_', args: [] });
    expect(hidden).toEqual({
      ok: false,
      error: { name: 'ScriptError', message: 'Script function not found: secret_' },
    });
    // A sandboxed frame's opaque origin (or another site) is refused before anything runs: frames use the relay.
    for (const origin of ['null', 'http://elsewhere.example']) {
      const refused = await fetch(`${wb.url}/rpc`, {
        method: 'POST',
        headers: { origin, 'content-type': 'text/plain' },
        body: JSON.stringify({ name: 'getSidebarContext', args: [] }),
      });
      expect(refused.status).toBe(403);
    }
    const own = await fetch(`${wb.url}/rpc`, {
      method: 'POST',
      headers: { origin: new URL(wb.url).origin },
      body: JSON.stringify({ name: 'getSidebarContext', args: [] }),
    });
    expect(own.status).toBe(200);
  });

  it('writes a selection into the document, refuses one that names nothing, and tells listeners', async () => {
    wb = await start('selection.json');
    const deck = (await state(wb)).document as DeckState;
    const slide = deck.slides[0];
    const element = slide?.elements[0];
    if (!slide || !element) throw new Error('The demo deck has no element on its first slide');

    const events = await fetch(`${wb.url}/api/events`);
    const reader = events.body?.getReader();
    await reader?.read(); // The greeting with the current version.

    const selection = { pageId: slide.objectId, elementIds: [element.objectId], text: null };
    const next = await post(wb, '/api/selection', { host: 'deck', selection });
    expect((next.document as DeckState).selection).toEqual(selection);
    const pushed = new TextDecoder().decode((await reader?.read())?.value);
    expect(pushed).toMatch(/^data: \d+/);
    await reader?.cancel();

    await expect(
      post(wb, '/api/selection', { host: 'deck', selection: { ...selection, elementIds: ['nope'] } }),
    ).rejects.toThrow(/400/);
    await expect(
      post(wb, '/api/selection', { host: 'doc', selection: { cursor: null, range: null, imageId: null } }),
    ).rejects.toThrow(/409/);
  });

  it('colours a slide as a person would, and refuses a slide or colour it cannot find', async () => {
    wb = await start('background.json');
    const slide = ((await state(wb)).document as DeckState).slides[1];
    if (!slide) throw new Error('The demo deck has no second slide');
    const next = await post(wb, '/api/slide-background', { pageId: slide.objectId, colour: '#1d4e89' });
    expect((next.document as DeckState).slides[1]?.background).toBe('#1d4e89');
    await expect(post(wb, '/api/slide-background', { pageId: 'nope', colour: '#1d4e89' })).rejects.toThrow(/400/);
    await expect(post(wb, '/api/slide-background', { pageId: slide.objectId, colour: 'blue' })).rejects.toThrow(/400/);
  });

  it('keeps both documents across a restart, and resets to the demo', async () => {
    wb = await start('persist.json', { reset: true });
    const deck = (await state(wb)).document as DeckState;
    const last = deck.slides.at(-1);
    if (!last) throw new Error('The demo deck has no slides');
    await post(wb, '/api/selection', {
      host: 'deck',
      selection: { pageId: last.objectId, elementIds: [], text: null },
    });
    const docState = await post(wb, '/api/host', { host: 'doc' });
    const block = (docState.document as DocumentState).body[1];
    if (!block) throw new Error('The demo doc is too short');
    const cursor = { section: 'body', blockId: block.id, offset: 3 };
    await post(wb, '/api/selection', { host: 'doc', selection: { cursor, range: null, imageId: null } });
    await wb.close();

    wb = await start('persist.json');
    const again = await state(wb);
    expect(again.host).toBe('doc');
    expect((again.document as DocumentState).selection.cursor).toEqual(cursor);
    const back = await post(wb, '/api/host', { host: 'deck' });
    expect((back.document as DeckState).selection.pageId).toBe(last.objectId);

    const reset = await post(wb, '/api/reset');
    expect((reset.document as DeckState).selection.pageId).toBe(deck.selection.pageId);
    expect(reset.executions.map((e) => e.functionName)).toEqual(['onOpen']);
  });

  it('starts from the demo asked for, keeps it across a restart and Reset, and switches demos on request', async () => {
    wb = await start('demos.json', { demo: 'pitch' });
    const first = await state(wb);
    expect([first.demo, first.document.id]).toEqual(['pitch', 'peel-pitch-deck']);
    expect(first.demos.map((d) => d.name)).toEqual(expect.arrayContaining(['standard', 'pitch']));
    // A cell of the pitch deck's table, and a member of its group, are selections the page may post.
    const cells = { elementId: 'p2-table', cells: [{ row: 1, column: 1 }] };
    const picked = await post(wb, '/api/selection', {
      host: 'deck',
      selection: { pageId: 'pitch-2', elementIds: [], text: null, cells },
    });
    expect((picked.document as DeckState).selection.cells).toEqual(cells);
    await post(wb, '/api/selection', {
      host: 'deck',
      selection: { pageId: 'pitch-3', elementIds: ['p3-logo-mark'], text: null },
    });
    await expect(
      post(wb, '/api/selection', {
        host: 'deck',
        selection: {
          pageId: 'pitch-2',
          elementIds: [],
          text: null,
          cells: { ...cells, cells: [{ row: 9, column: 0 }] },
        },
      }),
    ).rejects.toThrow(/400/);
    await wb.close();

    // Started again without --demo, the saved pitch deck is kept; Reset restores the pitch deck.
    wb = await start('demos.json');
    expect((await state(wb)).document.id).toBe('peel-pitch-deck');
    expect((await post(wb, '/api/reset')).document.id).toBe('peel-pitch-deck');
    const standard = await post(wb, '/api/reset', { demo: 'standard' });
    expect([standard.demo, standard.document.id]).toEqual(['standard', 'peel-demo-deck']);
    await expect(post(wb, '/api/reset', { demo: 'nope' })).rejects.toThrow(/400/);
    await wb.close();

    // Asked for another demo than the saved one, the workbench starts from it.
    wb = await start('demos.json', { demo: 'pitch' });
    expect((await state(wb)).document.id).toBe('peel-pitch-deck');
  });

  it('starts from the report with --demo report, and the demo menu opens either demo', async () => {
    wb = await start('demo.json');
    await post(wb, '/api/selection', { host: 'deck', selection: { pageId: null, elementIds: [], text: null } });
    await wb.close();
    // --demo discards the saved state, as --reset does, and opens the report in Docs.
    wb = await start('demo.json', { demo: 'report' });
    const first = await state(wb);
    expect(first.host).toBe('doc');
    expect((first.document as DocumentState).id).toBe('peel-demo-report');
    const cell = { section: 'body', blockId: 'r-table-2-1', offset: 2 };
    const placed = await post(wb, '/api/selection', {
      host: 'doc',
      selection: { cursor: cell, range: null, imageId: null },
    });
    expect((placed.document as DocumentState).selection.cursor).toEqual(cell);
    const standard = await post(wb, '/api/reset', { demo: 'standard' });
    expect([standard.demo, standard.host, standard.document.id]).toEqual(['standard', 'deck', 'peel-demo-deck']);
    const report = await post(wb, '/api/reset', { demo: 'report' });
    expect(report.host).toBe('doc');
    expect((report.document as DocumentState).id).toBe('peel-demo-report');
    await expect(post(wb, '/api/reset', { demo: 'nonsense' })).rejects.toThrow(/HTTP 400 .*No demo nonsense/);
  });

  it('gives the add-on a real key from the environment but never writes it to the state file', async () => {
    const key = 'AIzaSyWorkbenchTestKeyThatIsNotReal0000';
    wb = await start('key.json', { env: { GEMINI_API_KEY: key } });
    expect(wb.backend.kind).toBe('gemini');
    expect(wb.emulator).toBeNull();
    const settings = await post<RpcResponse>(wb, '/rpc', { name: 'getSettings', args: [] });
    expect(JSON.stringify(settings)).toContain('AIza…0000'); // Masked, but there.
    await wb.close();
    wb = null;
    expect(await readFile(path.join(dir, 'key.json'), 'utf8')).not.toContain(key);
  });

  it('listens on loopback only and refuses requests from other origins or for other hosts', async () => {
    wb = await start('origin.json');
    expect(wb.address).toBe('127.0.0.1');
    const port = Number(new URL(wb.url).port);
    const key = 'AQ.CrossSiteCrossSiteCrossSite-Kd3mWf7sYc1hJe5gBn0';
    const save = JSON.stringify({ name: 'saveApiKey', args: [key] });
    const generate = JSON.stringify({
      name: 'generateImage',
      args: [{ prompt: 'x', model: 'gemini-nano-banana-2.1', aspectRatio: '1:1', imageSize: '1K' }],
    });
    // What a page elsewhere can send without a preflight: a text/plain POST, its own Origin; or, after DNS
    // rebinding, its own host name with no Origin check to pass.
    const hostile: Record<string, string>[] = [
      { origin: 'https://evil.example', 'content-type': 'text/plain' },
      { origin: 'null', 'content-type': 'text/plain' },
      { origin: 'http://localhost:1', 'content-type': 'text/plain' },
      { host: `evil.example:${port}`, 'content-type': 'text/plain' },
      { host: `evil.example:${port}`, origin: `http://evil.example:${port}`, 'content-type': 'text/plain' },
    ];
    for (const headers of hostile) {
      for (const body of [save, generate]) {
        expect(await raw(port, 'POST', '/rpc', headers, body)).toBe(403);
      }
      expect(await raw(port, 'GET', '/api/state', headers)).toBe(403);
    }
    const requests = wb.emulator?.requests.length ?? 0;
    expect(requests).toBe(0);
    const settings = await post<RpcResponse>(wb, '/rpc', { name: 'getSettings', args: [] });
    expect(JSON.stringify(settings)).not.toContain(key.slice(-4));
    // The control: the same request from the workbench's own page is served.
    const own = { origin: wb.url, 'content-type': 'text/plain' };
    expect(await raw(port, 'POST', '/rpc', own, JSON.stringify({ name: 'getSettings', args: [] }))).toBe(200);
    expect(await raw(port, 'GET', '/api/state', { origin: `http://127.0.0.1:${port}` })).toBe(200);
  });

  it('decides by Host and Origin', () => {
    expect(isOwnRequest({ host: 'localhost:9' }, 9)).toBe(true);
    expect(isOwnRequest({ host: '127.0.0.1:9', origin: 'http://127.0.0.1:9' }, 9)).toBe(true);
    expect(isOwnRequest({ host: 'localhost:9', origin: 'http://localhost:10' }, 9)).toBe(false);
    expect(isOwnRequest({ host: 'localhost.evil.example:9' }, 9)).toBe(false);
    expect(isOwnRequest({}, 9)).toBe(false);
  });

  it('keeps a key typed into the sidebar in memory, never in the state file', async () => {
    const key = 'AQ.TypedIntoTheSidebar-Kd3mWf7sYc1hJe5gBn0uVr4aXo';
    wb = await start('typed.json');
    const saved = await post<RpcResponse>(wb, '/rpc', { name: 'saveApiKey', args: [key] });
    expect(JSON.stringify(saved)).toContain('AQ.T…4aXo');
    // Something else changes, so the state is written while the key is in memory.
    await post(wb, '/api/host', { host: 'doc' });
    const during = await post<RpcResponse>(wb, '/rpc', { name: 'getSettings', args: [] });
    expect(JSON.stringify(during)).toContain('AQ.T…4aXo');
    await wb.close();
    wb = null;
    const file = await readFile(path.join(dir, 'typed.json'), 'utf8');
    expect(file).not.toContain(key);
    expect(file).toContain('"host":"doc"');
  });

  it('runs each call as the user its URL names, each with their own key, and a malformed name as the default', async () => {
    wb = await start('users.json', { reset: true });
    const bea = '?user=bea%40example.com';
    const settings = (query: string) =>
      post<RpcResponse>(wb as Workbench, `/rpc${query}`, { name: 'getSettings', args: [] });
    // The emulator's stand-in works for everyone, including a user the workbench has not seen before.
    const standIn = JSON.stringify(await settings(''));
    expect(JSON.stringify(await settings(bea))).toBe(standIn);

    const key = 'AQ.BeasOwnKeyBeasOwnKey-Kd3mWf7sYc1hJe5gBn0uVr4aXo';
    const saved = await post<RpcResponse>(wb, `/rpc${bea}`, { name: 'saveApiKey', args: [key] });
    expect(JSON.stringify(saved)).toContain('AQ.B…4aXo');
    expect(JSON.stringify(await settings(bea))).toContain('AQ.B…4aXo');
    // Another user's properties are untouched, and a name that is not an address is the default user.
    expect(JSON.stringify(await settings(''))).toBe(standIn);
    expect(JSON.stringify(await settings('?user=%3Cbea%3E'))).toBe(standIn);

    const now = await state(wb);
    expect(now.user).toBe('newcomer@example.com');
    expect(now.executions.slice(0, 5).map((e) => e.user)).toEqual([
      'newcomer@example.com',
      'newcomer@example.com',
      'bea@example.com',
      'bea@example.com',
      'bea@example.com',
    ]);
    const asBea = (await (await fetch(`${wb.url}/api/state${bea}`)).json()) as WorkbenchState;
    expect(asBea.user).toBe('bea@example.com');
    expect(asBea.users).toContain('bea@example.com');
  });

  it('refuses the sidebar’s calls as Google does when the browser’s default account is another one', async () => {
    wb = await start('accounts.json', { reset: true });
    const call = (query: string) =>
      post<RpcResponse>(wb as Workbench, `/rpc${query}`, { name: 'getSidebarContext', args: [] });
    const before = (await state(wb)).executions.length;
    expect(await call('?account=not-default')).toEqual({
      ok: false,
      error: {
        name: 'ScriptError',
        message: "We're sorry, a server error occurred while reading from storage. Error code PERMISSION_DENIED.",
      },
    });
    expect(await call('?user=bea%40example.com&account=not-default-unauthorized')).toEqual({
      ok: false,
      error: { name: 'ScriptError', message: 'Authorization is required to perform that action.' },
    });
    // Nothing of Peel's ran; the editor's own menu still runs as the document's account, and the window says so.
    expect((await state(wb)).executions.length).toBe(before);
    const menu = await post(wb, '/api/open?account=not-default');
    expect(menu.account).toBe('not-default');
    expect(menu.executions[0]).toMatchObject({ functionName: 'onOpen', status: 'ok' });
    // One account signed in (or an unknown value) runs the call.
    expect(await call('?account=several')).toMatchObject({ ok: true, value: { ok: true } });
    expect((await state(wb)).account).toBe('only');
  });

  it('speaks the language a page names (?locale=) for that user, and only for them', async () => {
    wb = await start('locale.json', { reset: true });
    const bea = '?user=bea%40example.com';
    const language = async (query: string) => {
      const answer = await post<RpcResponse>(wb as Workbench, `/rpc${query}`, { name: 'getSidebarContext', args: [] });
      return answer.ok ? (answer.value as { value?: { locale?: string } }).value?.locale : answer.error.message;
    };
    await fetch(`${wb.url}/${bea}&locale=pt_BR`);
    expect(await language(bea)).toBe('pt-BR');
    expect(await language('')).toBe('en');
    // Not a language tag: ignored, the user keeps theirs.
    await fetch(`${wb.url}/${bea}&locale=%3Cscript%3E`);
    expect(await language(bea)).toBe('pt-BR');
  });

  it("gives each user their own sidebar: one user's opening or reloading leaves another's as it is", async () => {
    wb = await start('panels.json', { reset: true });
    const bea = '?user=bea%40example.com';
    await post(wb, '/api/open');
    const mine = await post(wb, '/api/menu', { functionName: 'showSidebar' });
    expect(mine.sidebar?.title).toBe('Peel');
    expect(mine.executions[0]).toMatchObject({ functionName: 'showSidebar', user: 'newcomer@example.com' });

    const beaOpened = await post(wb, `/api/open${bea}`);
    expect(beaOpened.sidebar).toBeNull();
    expect((await state(wb)).sidebar).toEqual(mine.sidebar);
    const beas = await post(wb, `/api/menu${bea}`, { functionName: 'showSidebar' });
    expect(beas.sidebar?.src).not.toBe(mine.sidebar?.src);
    expect((await fetch(`${wb.url}${beas.sidebar?.src}`)).status).toBe(200);

    await post(wb, `/api/close${bea}`, { kind: 'sidebar' });
    expect((await state(wb)).sidebar).toEqual(mine.sidebar);
    expect(await (await fetch(`${wb.url}${mine.sidebar?.src}`)).text()).toContain('__peelWorkbench');
  });

  it('keeps the emulator’s stand-in key, which is no secret', async () => {
    wb = await start('standin.json');
    await wb.close();
    wb = null;
    expect(await readFile(path.join(dir, 'standin.json'), 'utf8')).toContain(EMULATOR_API_KEY);
  });
});

/** A request with exactly these headers (fetch will not let a caller set Host). */
function raw(
  port: number,
  method: string,
  pathname: string,
  headers: Record<string, string>,
  body?: string,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: '127.0.0.1', port, method, path: pathname, headers: { host: `localhost:${port}`, ...headers } },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}
