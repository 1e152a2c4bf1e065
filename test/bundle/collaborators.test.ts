/**
 * Collaborators never overwrite each other silently, through the real bundle (dist/Code.js in the local runtime)
 * as two users of one deck: a style save planned from a version someone saved over is refused with a sentence
 * naming who, their style to see and a way to save on top; an unpin of someone else's pin leaves their Drive file
 * to them (their own Peel trashes it later); and no error sentence carries a Drive file id.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeckState } from '../../dev/runtime/model';
import { encodePng } from '../../dev/support/image';
import type { DeckStyle, DeckStyleView, NamedReference, ReferenceHandle, SaveStyleResult } from '../../src/shared/rpc';
import { type Bundle, scriptRun, startBundle } from './harness';

const ADA = 'ada@example.com';
const BEA = 'bea@example.com';

function deck(): DeckState {
  return {
    kind: 'deck',
    id: 'deck-collaborators',
    name: 'Collaborators',
    pageWidth: 720,
    pageHeight: 405,
    slides: [{ objectId: 'p1', layout: 'BLANK', elements: [], speakerNotes: '' }],
    selection: { pageId: 'p1', elementIds: [], text: null },
  };
}

function png(rgb: readonly [number, number, number]): string {
  const data = new Uint8Array(16 * 16 * 4);
  for (let i = 0; i < 16 * 16; i++) data.set([...rgb, 255], i * 4);
  return Buffer.from(encodePng({ width: 16, height: 16, data })).toString('base64');
}

describe('two collaborators in one deck, through the real bundle', () => {
  let bundle: Bundle;
  const errors: unknown[] = [];
  beforeAll(async () => {
    bundle = await startBundle(deck(), { user: ADA });
  });
  afterAll(async () => {
    await bundle?.close();
  });
  const { result, call } = scriptRun(() => bundle.runtime, ADA);
  const driveFiles = () => bundle.runtime.world.drive.toJSON().files;

  async function save(style: DeckStyle, seen: string | null, user: string): Promise<SaveStyleResult> {
    return call<SaveStyleResult>('saveDeckStyle', [{ style, seen }], user);
  }
  const saved = (r: SaveStyleResult): DeckStyleView => {
    if (r.kind !== 'saved') throw new Error(`Expected a save: ${r.message}`);
    return r.view;
  };

  it('refuses a style save based on a version a collaborator saved over, and saves on top when asked', async () => {
    const first: DeckStyle = { brief: 'Flat paper cut-outs', palette: ['#0e6e6e'], references: [], on: true };
    const start = saved(await save(first, null, ADA));
    // Both open the editor on the same version.
    const adaOpened = await call<DeckStyleView>('getDeckStyle', [], ADA);
    const beaOpened = await call<DeckStyleView>('getDeckStyle', [], BEA);
    expect(beaOpened.version).toBe(adaOpened.version);
    expect(adaOpened.version).toBe(start.version);

    const adas = saved(await save({ ...first, brief: 'Charcoal sketches' }, adaOpened.version, ADA));
    const beas = { ...first, palette: ['#0e6e6e', '#f4a259'] };
    const refused = await save(beas, beaOpened.version, BEA);
    if (refused.kind !== 'changed') throw new Error('The stale save went through');
    expect(refused.by).toBe('collaborator');
    expect(refused.message).toBe(
      'A collaborator saved this document’s style since you opened it (Brief changed), so your save changed nothing.',
    );
    // Theirs, to see: the style as it is, and the version to save on top of.
    expect(refused.current?.brief).toBe('Charcoal sketches');
    expect(refused.seen).toBe(adas.version);
    expect(refused.at).toBe(adas.changes[0]?.at);

    // Nothing was overwritten and nothing recorded in Bea's name.
    const after = await call<DeckStyleView>('getDeckStyle', [], ADA);
    expect(after).toEqual(adas);
    expect(after.changes.map((c) => [c.who, c.what])).toEqual([
      ['you', 'Brief changed'],
      ['you', 'Style set'],
    ]);

    // A stale save that asks for exactly what is stored overwrites nothing: it goes through, recording nothing.
    expect(saved(await save({ ...first, brief: 'Charcoal sketches' }, beaOpened.version, BEA)).version).toBe(
      adas.version,
    );

    // Bea saves on top of Ada's, knowingly: the log names each for what they changed.
    const onTop = saved(await save(beas, refused.seen, BEA));
    expect(onTop.palette).toEqual(['#0e6e6e', '#f4a259']);
    const seenByAda = await call<DeckStyleView>('getDeckStyle', [], ADA);
    expect(seenByAda.changes.map((c) => [c.who, c.what])).toEqual([
      ['collaborator', 'Brief changed, Palette changed'],
      ['you', 'Brief changed'],
      ['you', 'Style set'],
    ]);
    // Ada's editor, still open on her version, is refused in turn, naming Bea.
    const adaStale = await save({ ...first, on: false }, adas.version, ADA);
    expect(adaStale.kind).toBe('changed');
    expect(adaStale.kind === 'changed' && adaStale.message).toMatch(/^A collaborator saved/);
  });

  it('an unpin of someone else’s pin leaves their Drive file to them; their own Peel trashes it later', async () => {
    const handle = await call<ReferenceHandle>('uploadReference', [
      { mimeType: 'image/png', base64: png([200, 40, 40]), pixelWidth: 16, pixelHeight: 16 },
    ]);
    await call<NamedReference[]>('pinReference', [{ handleId: handle.id, name: 'Mira', role: 'subject' }]);
    const [file] = driveFiles().filter((f) => f.owner === ADA && f.mimeType === 'image/png');
    if (!file) throw new Error('No Drive file for the pin');
    expect(file.trashed).toBe(false);

    // Bea cannot read it (Ada's Drive): a sentence naming whose, without the file's id.
    const refused = await result('useNamedReference', ['Mira'], BEA);
    errors.push(refused);
    expect(refused.ok ? '' : refused.error.code).toBe('REFERENCE_UNAVAILABLE');
    expect(refused.ok ? '' : refused.error.detail).toMatch(/the collaborator who pinned it/);

    // Bea unpins it: gone for everyone, the file still Ada's and untouched.
    expect(await call<NamedReference[]>('unpinReference', ['mira'], BEA)).toEqual([]);
    expect(await call<NamedReference[]>('getNamedReferences', [], BEA)).toEqual([]);
    expect(driveFiles().find((f) => f.id === file.id)?.trashed).toBe(false);
    expect(driveFiles().filter((f) => f.owner === BEA && f.mimeType === 'image/png')).toEqual([]);

    // Bea opening Peel leaves it alone; Ada's next opening of Peel sends the file no pin uses to her trash.
    await call('getSidebarContext', [], BEA);
    expect(driveFiles().find((f) => f.id === file.id)?.trashed).toBe(false);
    await call('getSidebarContext', [], ADA);
    expect(driveFiles().find((f) => f.id === file.id)?.trashed).toBe(true);
  });

  it('a pin over someone else’s name leaves their file to them as well', async () => {
    const mine = await call<ReferenceHandle>('uploadReference', [
      { mimeType: 'image/png', base64: png([40, 200, 40]), pixelWidth: 16, pixelHeight: 16 },
    ]);
    await call('pinReference', [{ handleId: mine.id, name: 'Logo', role: 'scene' }]);
    const adas = driveFiles().find((f) => f.owner === ADA && !f.trashed && f.mimeType === 'image/png');
    const hers = await call<ReferenceHandle>(
      'uploadReference',
      [{ mimeType: 'image/png', base64: png([40, 40, 200]), pixelWidth: 16, pixelHeight: 16 }],
      BEA,
    );
    const list = await call<NamedReference[]>(
      'pinReference',
      [{ handleId: hers.id, name: 'LOGO', role: 'scene' }],
      BEA,
    );
    expect(list.map((n) => [n.name, n.pinnedBy])).toEqual([['LOGO', 'you']]);
    expect(driveFiles().find((f) => f.id === adas?.id)?.trashed).toBe(false);
    await call('getSidebarContext', [], ADA);
    expect(driveFiles().find((f) => f.id === adas?.id)?.trashed).toBe(true);
    // Bea's file is hers and in use.
    expect(driveFiles().filter((f) => f.owner === BEA && f.mimeType === 'image/png' && !f.trashed)).toHaveLength(1);
  });

  it('no error a collaborator met names a Drive file', () => {
    expect(errors.length).toBeGreaterThan(0);
    const shown = JSON.stringify(errors);
    for (const f of driveFiles()) expect(shown).not.toContain(f.id);
  });
});
