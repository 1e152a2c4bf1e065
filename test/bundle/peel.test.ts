/**
 * The real bundle (dist/Code.js, built by the global setup) in the runtime, in both editors: the menu, the
 * sidebar and the first sidebar call, under the authorization modes they meet in Apps Script.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { hostFactories } from '../../dev/runtime/hosts';
import { Runtime, World } from '../../dev/runtime/index';
import type { DeckState, DocumentState, HostDocument } from '../../dev/runtime/model';
import { DEFAULT_MODEL_ID } from '../../src/core/gemini/catalog';
import { oneParagraphDoc } from './harness';

const DIST = path.resolve(import.meta.dirname, '../../dist');

function deck(): DeckState {
  return {
    kind: 'deck',
    id: 'deck-peel',
    name: 'Deck',
    pageWidth: 720,
    pageHeight: 405,
    slides: [{ objectId: 'p1', layout: 'BLANK', elements: [], speakerNotes: '' }],
    selection: { pageId: 'p1', elementIds: [], text: null },
  };
}

const doc = (): DocumentState => oneParagraphDoc('doc-peel', 'Hello', 0);

const runtimes: Runtime[] = [];
function open(document: HostDocument): Runtime {
  const rt = new Runtime({ distDir: DIST, world: new World({ document }) });
  runtimes.push(rt);
  return rt;
}

afterEach(async () => {
  await Promise.all(runtimes.splice(0).map((rt) => rt.close()));
});

describe.each([
  ['Slides', deck, 'SlidesApp', 'slides'],
  ['Docs', doc, 'DocumentApp', 'docs'],
] as const)('Peel in %s', (_name, make, app, host) => {
  it.each(['NONE', 'LIMITED'] as const)('adds its menu from onOpen in AuthMode.%s', async (authMode) => {
    const rt = open(make());
    const result = await rt.run('onOpen', [], { trigger: 'onOpen', authMode });
    expect(result.record.status, result.record.error).toBe('ok');
    expect(rt.world.ui.menus).toEqual([
      { caption: 'Peel', items: [{ caption: 'Open Peel', functionName: 'showSidebar' }] },
    ]);
    // Only the UI: nothing that needs authorization, and the host found through getUi().
    expect(Object.keys(result.record.serviceCalls).sort()).toEqual(
      app === 'SlidesApp' ? ['SlidesApp'] : ['DocumentApp', 'SlidesApp'],
    );
    expect(result.record.fetches).toEqual([]);
  });

  it('opens the sidebar from the menu item', async () => {
    const rt = open(make());
    await rt.run('onInstall', [], { trigger: 'onInstall' });
    const item = rt.world.ui.menus[0]?.items[0];
    expect(item?.functionName).toBe('showSidebar');
    const result = await rt.run(item?.functionName ?? '', [], { trigger: 'menu' });
    expect(result.record.status, result.record.error).toBe('ok');
    expect(rt.world.ui.sidebars).toHaveLength(1);
    expect(rt.world.ui.sidebars[0]?.title).toBe('Peel');
    expect(rt.world.ui.sidebars[0]?.html).toMatch(/^<!doctype html>/i);
  });

  it('hands the sidebar its late part, the file the build wrote, through google.script.run', async () => {
    const rt = open(make());
    const result = await rt.run('getSidebarParts', [], { trigger: 'script.run' });
    const file = await readFile(path.join(DIST, 'SidebarParts.html'), 'utf8');
    expect(file).toMatch(/^<style data-peel-part="/);
    expect(result.value).toEqual({ ok: true, value: file });
    // The file and its text: no document, property or cache is read for it.
    expect(result.record.serviceCalls).toEqual({ HtmlService: 2 });
  });

  it('answers the sidebar first call through google.script.run', async () => {
    const rt = open(make());
    const result = await rt.run('getSidebarContext', [], { trigger: 'script.run' });
    expect(result.value).toEqual({
      ok: true,
      value: {
        host,
        version: expect.any(String),
        documentCostUsd: 0,
        // The model menu comes with it (no fetch): Generate is ready when the sidebar opens.
        models: expect.arrayContaining([expect.objectContaining({ id: DEFAULT_MODEL_ID })]),
        // The person's language (Session.getActiveUserLocale): English needs no catalog of its own.
        locale: 'en',
        ...(host === 'docs' ? { docsWidth: 'full' } : {}),
      },
    });
  });
});

it('runs on the real Slides and Docs emulations, not the stand-ins', async () => {
  // A stub only has getUi: the menu would still work on it, so the selection is what proves the emulation.
  const { stubs } = await hostFactories();
  expect(stubs).toEqual([]);
  for (const [make, host] of [
    [deck, 'slides'],
    [doc, 'docs'],
  ] as const) {
    const result = await open(make()).run('getTarget', [], { trigger: 'script.run' });
    expect(result.value).toMatchObject({ ok: true, value: { host, canInsert: true } });
  }
});
