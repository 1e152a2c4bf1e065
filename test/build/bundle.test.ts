import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildServer, checkEntryNames } from '../../build/build';

const root = path.resolve(import.meta.dirname, '../..');
const FORBIDDEN = ['fetch', 'setTimeout', 'TextEncoder', 'URL', 'structuredClone', 'require', 'process'];

interface MenuRecord {
  items: [caption: string, functionName: string][];
  added: boolean;
}

/** The part of Ui that onOpen may use, recording what it builds. */
class RecordingUi implements Pick<GoogleAppsScript.Base.Ui, 'createAddonMenu'> {
  readonly menus: MenuRecord[] = [];
  createAddonMenu(): GoogleAppsScript.Base.Menu {
    const record: MenuRecord = { items: [], added: false };
    this.menus.push(record);
    const menu: Pick<GoogleAppsScript.Base.Menu, 'addItem' | 'addToUi'> = {
      addItem(caption, functionName) {
        record.items.push([caption, functionName]);
        return menu as GoogleAppsScript.Base.Menu;
      },
      addToUi() {
        record.added = true;
      },
    };
    return menu as GoogleAppsScript.Base.Menu;
  }
}

/** A service global whose every use is recorded; onOpen in AuthMode.NONE must leave these untouched. */
function untouchable(name: string, touched: string[]): unknown {
  return new Proxy(
    {},
    {
      get: (_t, key) => {
        touched.push(`${name}.${String(key)}`);
        throw new Error(`${name}.${String(key)} is not available in AuthMode.NONE`);
      },
    },
  );
}

/** An editor app whose only allowed call is getUi(); in the other host it throws as Apps Script does. */
function editorApp(name: string, ui: RecordingUi | null, touched: string[]): unknown {
  return new Proxy(
    {},
    {
      get: (_t, key) => {
        if (key === 'getUi') {
          return () => {
            if (!ui) throw new Error(`Cannot call ${name}.getUi() from this context.`);
            return ui;
          };
        }
        touched.push(`${name}.${String(key)}`);
        throw new Error(`${name}.${String(key)} is not available in AuthMode.NONE`);
      },
    },
  );
}

function load(code: string, host: 'slides' | 'docs') {
  const touched: string[] = [];
  const ui = new RecordingUi();
  const context = vm.createContext({
    SlidesApp: editorApp('SlidesApp', host === 'slides' ? ui : null, touched),
    DocumentApp: editorApp('DocumentApp', host === 'docs' ? ui : null, touched),
    ScriptApp: { AuthMode: { NONE: 'NONE', LIMITED: 'LIMITED', FULL: 'FULL' } },
    ...Object.fromEntries(
      ['PropertiesService', 'UrlFetchApp', 'LockService', 'CacheService', 'HtmlService', 'Utilities', 'Session'].map(
        (name) => [name, untouchable(name, touched)],
      ),
    ),
    console: { log() {}, error() {}, warn() {}, info() {} },
    Logger: { log() {} },
  });
  vm.runInContext(code, context, { filename: 'Code.js' });
  return { context: context as Record<string, unknown>, touched, ui };
}

describe('dist/Code.js', () => {
  let code: string;
  let names: string[];
  beforeAll(async () => {
    code = await readFile(path.join(root, 'dist/Code.js'), 'utf8');
    const entry = await import('../../src/server/rpc/index');
    names = Object.keys(entry).sort();
  });

  it('loads in a context without fetch, setTimeout, TextEncoder, URL, structuredClone, require or process', () => {
    const { context } = load(code, 'slides');
    for (const name of FORBIDDEN) expect(vm.runInContext(`typeof ${name}`, context as vm.Context)).toBe('undefined');
  });

  it('declares every export of the server entry as a top-level function', () => {
    const { context } = load(code, 'slides');
    expect(names).toEqual(expect.arrayContaining(['onOpen', 'onInstall', 'showSidebar', 'getSidebarContext']));
    for (const name of names) {
      expect(typeof context[name], name).toBe('function');
      // A `function` declaration, visible to Apps Script's function detection, not an assignment.
      expect(code).toMatch(new RegExp(`^function ${name}\\(`, 'm'));
    }
  });

  it('is a classic script, not a module', () => {
    expect(code).not.toMatch(/^\s*(import|export)\s/m);
  });

  for (const host of ['slides', 'docs'] as const) {
    it(`onOpen in AuthMode.NONE in ${host} adds the menu and touches no other service`, () => {
      const { context, touched, ui } = load(code, host);
      (context.onOpen as (e: unknown) => void)({ authMode: 'NONE' });
      expect(touched).toEqual([]);
      expect(ui.menus).toEqual([{ items: [['Open Peel', 'showSidebar']], added: true }]);
      expect(names).toContain(ui.menus[0]?.items[0]?.[1]);
    });
  }

  it('onInstall builds the same menu', () => {
    const { context, touched, ui } = load(code, 'docs');
    (context.onInstall as (e: unknown) => void)({ authMode: 'FULL' });
    expect(touched).toEqual([]);
    expect(ui.menus).toHaveLength(1);
  });
});

describe('exposure rules', () => {
  it('rejects names Apps Script hides or that collide', () => {
    expect(() => checkEntryNames(['ok', 'helper_'])).toThrow(/helper_.*private/);
    expect(() => checkEntryNames(['Peel'])).toThrow(/collides/);
    expect(() => checkEntryNames(['SlidesApp'])).toThrow(/collides/);
    expect(() => checkEntryNames(['onOpen', 'getSidebarContext'])).not.toThrow();
  });

  it('fails a real build whose entry exports a private name', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'peel-entry-'));
    const entry = path.join(dir, 'entry.ts');
    await writeFile(entry, 'export function visible() { return 1; }\nexport function hidden_() { return 2; }\n');
    await expect(buildServer(path.join(dir, 'out'), false, entry)).rejects.toThrow(/hidden_/);
  });
});
