/**
 * Acceptance for the boundary: every sidebar-callable function of the real dist/Code.js, run in the local Apps
 * Script runtime through google.script.run's copy, gets hostile plain data (wrong types, toString traps, a
 * 10 MB string, a 100,000-element array, own __proto__ keys, NaN and the infinities, null, undefined, extra
 * arguments), alone and in each field of a well-formed request. None may come back INTERNAL, and every
 * rejection must read as sentences. The functions are the exports of src/server/rpc/api.ts, so a new one is
 * covered as soon as it exists (and `wellFormed` fails the typecheck until it has an entry).
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../../dev/emulator/index';
import { geminiRewrites, Runtime, World } from '../../dev/runtime/index';
import { demoDeck } from '../../dev/runtime/seed';
import type * as Api from '../../src/server/rpc/api';

const DIST = path.resolve(import.meta.dirname, '../../dist');

type Name = keyof typeof Api;

/** A well-formed argument list for each function: hostile values are put into each of its places. */
const wellFormed: { readonly [K in Name]: Parameters<(typeof Api)[K]> } = {
  getSidebarParts: [],
  getSidebarContext: [],
  getSettings: [],
  saveApiKey: ['AIzaSyHostile0123456789abcdefghijklmno'],
  clearApiKey: [],
  saveModel: ['gemini-nano-banana-2.1'],
  testApiKey: [null],
  getTarget: [],
  getModels: [],
  generateImage: [{ prompt: 'A lighthouse', model: 'gemini-nano-banana-2.1', aspectRatio: '16:9', imageSize: '1K' }],
  insertImage: [{ imageId: 'abcdefghijklmnopqrst.1', mode: 'insert' }],
  discardImages: [['abcdefghijklmnopqrst.1']],
  composeIllustratePrompt: [{ includeNotes: false }],
  saveDocsWidth: ['half'],
  getThread: ['s:image-1'],
  editImage: [
    {
      ref: 's:image-1',
      instruction: 'Make the sky dramatic',
      model: 'gemini-nano-banana-2.1',
      aspectRatio: null,
      imageSize: '1K',
      quick: null,
    },
  ],
  applyEdit: [
    {
      imageId: 'abcdefghijklmnopqrst.1',
      keepAltDescription: true,
    },
  ],
  keepCutout: [
    {
      imageId: 'abcdefghijklmnopqrst.1',
      base64: 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYPj/HwADAgH/0z1iAgAAAABJRU5ErkJggg==',
    },
  ],
  getVersionImage: ['t1', 'v1'],
  getPreview: ['abcdefghijklmnopqrst.1'],
  restoreVersion: [{ threadId: 't1', versionId: 'v1', seen: null }],
  uploadReference: [
    {
      mimeType: 'image/png',
      base64: 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC',
      pixelWidth: 1,
      pixelHeight: 1,
    },
  ],
  listDocumentImages: [],
  takeDocumentImage: ['s:image-1'],
  getNamedReferences: [],
  pinReference: [{ handleId: 'abcdefghijklmnopqrst.1', name: 'Mira', role: 'subject' }],
  unpinReference: ['Mira'],
  useNamedReference: ['Mira'],
  getDeckStyle: [],
  saveDeckStyle: [
    { style: { brief: 'Flat paper cut-outs', palette: ['#112233'], references: [], on: true }, seen: null },
  ],
  proposeDeckPalette: [],
  planDeckJob: [{ kind: 'illustrate', model: 'gemini-nano-banana-2.1', imageSize: '1K' }],
  startDeckJob: [
    {
      kind: 'illustrate',
      model: 'gemini-nano-banana-2.1',
      imageSize: '1K',
      capUsd: 1,
      items: [{ key: 'slide-1', prompt: 'A lighthouse', aspectRatio: '16:9' }],
    },
  ],
  getDeckJob: [],
  runJobItem: [{ jobId: 'job-1', index: 0 }],
  getJobItemImage: [{ jobId: 'job-1', index: 0 }],
  reviewJobItem: [{ jobId: 'job-1', index: 0, action: 'skip' }],
  cancelDeckJob: ['job-1'],
};

const TEN_MB = 'a'.repeat(10 * 1024 * 1024);
const HUNDRED_THOUSAND = Array.from({ length: 100_000 }, (_, i) => `id-${i}`);

/** Plain data only: google.script.run refuses functions, Dates and class instances before the server runs. */
const hostile: readonly [string, () => unknown][] = [
  ['a number', () => 42],
  ['a boolean', () => true],
  ['a string', () => 'text'],
  ['an empty string', () => ''],
  ['an empty object', () => ({})],
  ['an empty array', () => []],
  ['a nested array', () => [[['deep']]]],
  ['a toString trap', () => ({ toString: 1 })],
  ['a toString and valueOf trap', () => ({ toString: 'x', valueOf: { a: 1 } })],
  ['an array of toString traps', () => [{ toString: 1 }, { toString: null }]],
  ['a 10 MB string', () => TEN_MB],
  ['a 100,000-element array', () => HUNDRED_THOUSAND],
  ['an own __proto__ key', () => JSON.parse('{"__proto__": {"toString": 1, "includeNotes": true}}')],
  ['a constructor key', () => ({ constructor: { prototype: { polluted: true } } })],
  ['NaN', () => Number.NaN],
  ['Infinity', () => Number.POSITIVE_INFINITY],
  ['-Infinity', () => Number.NEGATIVE_INFINITY],
  ['a negative number', () => -1],
  ['a huge number', () => 1e308],
  ['null', () => null],
  ['undefined', () => undefined],
];

interface Case {
  readonly name: Name;
  readonly label: string;
  readonly args: unknown[];
}

function cases(names: readonly Name[]): Case[] {
  const out: Case[] = [];
  for (const name of names) {
    const valid = wellFormed[name] as readonly unknown[];
    const places = Math.max(1, valid.length);
    for (const [what, make] of hostile) {
      // Each hostile value in each argument's place, the others well-formed.
      for (let i = 0; i < places; i++) {
        const args = [...valid];
        args[i] = make();
        out.push({ name, label: `${what} as argument ${i + 1}`, args });
      }
      // Each hostile value in each field of a request object.
      valid.forEach((arg, i) => {
        if (typeof arg !== 'object' || arg === null || Array.isArray(arg)) return;
        for (const field of Object.keys(arg)) {
          const args = [...valid];
          args[i] = { ...arg, [field]: make() };
          out.push({ name, label: `${what} as ${field}`, args });
        }
      });
      // Well-formed arguments followed by an extra one.
      out.push({ name, label: `${what} as an extra argument`, args: [...valid, make()] });
    }
    // A well-formed request carrying an own __proto__ key and an unknown key.
    valid.forEach((arg, i) => {
      if (typeof arg !== 'object' || arg === null || Array.isArray(arg)) return;
      const polluted = JSON.parse(`{"__proto__": {"admin": true}, ${JSON.stringify(arg).slice(1, -1)}}`);
      out.push({
        name,
        label: 'a request with an own __proto__ key',
        args: valid.map((a, j) => (j === i ? polluted : a)),
      });
      out.push({
        name,
        label: 'a request with an unknown key',
        args: valid.map((a, j) => (j === i ? { ...arg, x: 1 } : a)),
      });
    });
    out.push({ name, label: 'three extra arguments', args: [...valid, 1, 'two', { three: 3 }] });
  }
  return out;
}

const CONCURRENT = 4;

/** A sentence: starts with a capital or a digit, ends with a full stop, question or exclamation mark. */
const SENTENCE = /^[A-Z0-9“"].*[.!?)]$/s;

describe('hostile input at the boundary (the real bundle in the runtime)', () => {
  let emulator: Emulator;
  let runtime: Runtime;
  let names: Name[];

  beforeAll(async () => {
    names = Object.keys(await import('../../src/server/rpc/api')) as Name[];
    emulator = await startEmulator({ latencyMs: 0 });
    runtime = new Runtime({
      distDir: DIST,
      world: new World({ document: demoDeck() }),
      urlRewrites: geminiRewrites(emulator.url),
    });
  });

  afterAll(async () => {
    await runtime?.close();
    await emulator?.close();
  });

  it('lists every sidebar-callable function', () => {
    expect(names.sort()).toEqual(Object.keys(wellFormed).sort());
  });

  it('answers every hostile call with an expected error in sentences, never INTERNAL', async () => {
    const all = cases(names);
    const internal: string[] = [];
    const unsentenced: string[] = [];
    let rejected = 0;
    const check = async ({ name, label, args }: Case) => {
      const { value, error } = await runtime.run(name, args, { trigger: 'script.run' });
      const result = value as {
        ok: boolean;
        error?: { code: string; message: string; action: string; detail?: string };
      };
      if (error || typeof result !== 'object' || result === null || !('ok' in result)) {
        internal.push(`${name} with ${label}: the call itself failed (${error?.message ?? 'no Result'})`);
        return;
      }
      if (result.ok || !result.error) return;
      rejected++;
      const { code, message, action, detail } = result.error;
      if (code === 'INTERNAL') internal.push(`${name} with ${label}`);
      const words = code === 'BAD_INPUT' ? [message, action, detail ?? ''] : [message, action];
      if (!words.every((w) => SENTENCE.test(w))) unsentenced.push(`${name} with ${label}: ${words.join(' | ')}`);
    };
    // A few at a time, as a sidebar's concurrent google.script.run calls would be (the runtime admits ten).
    for (let i = 0; i < all.length; i += CONCURRENT) await Promise.all(all.slice(i, i + CONCURRENT).map(check));
    console.log(`hostile inputs: ${all.length} calls, ${internal.length} INTERNAL (${rejected} rejected)`);
    expect(internal).toEqual([]);
    expect(unsentenced).toEqual([]);
    // Most of these must be refused: the rest are hostile-looking but acceptable (a prompt of "text").
    expect(rejected).toBeGreaterThan(all.length / 2);
  }, 600_000);

  it('refuses an own __proto__ key as an unknown field, so the server saw it as a key', async () => {
    const [request] = wellFormed.generateImage;
    const polluted = JSON.parse(`{"__proto__": {"attempt": 2}, ${JSON.stringify(request).slice(1, -1)}}`);
    const { value } = await runtime.run('generateImage', [polluted], { trigger: 'script.run' });
    expect(value).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT', detail: expect.stringMatching(/^Remove the field __proto__/) },
    });
  });
});
