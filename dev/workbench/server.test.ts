/**
 * The workbench server without a browser: its HTTP contract with the page and the sidebar shim, the backend
 * choice, and the state file (kept across restarts, reset on demand, never holding a real key).
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DeckState, DocumentState } from '../runtime/model';
import type { RpcResponse, WorkbenchState } from './protocol';
import { callableFunctions, injectShim, resolveBackend, startWorkbench, type Workbench } from './server';

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
});
