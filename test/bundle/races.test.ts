/**
 * Two people and one picture, through the real bundle with real concurrent executions (the runtime runs each
 * call in its own worker, the document lock between them): two Applies at the same moment, a stale Apply, and a
 * Restore racing an Apply. Whatever the order, no picture is overwritten without its maker being told, and every
 * picture that was ever in the document stays restorable: it is the one shown, or a version its holder can open,
 * byte for byte.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../../dev/emulator/index';
import type { DeckState } from '../../dev/runtime/model';
import { DEFAULT_MODEL_ID } from '../../src/core/gemini/catalog';
import type {
  ApplyDone,
  ApplyResult,
  ChangedMeanwhile,
  ImageDelivered,
  InsertResult,
  Result,
  Target,
  ThreadImage,
  ThreadView,
} from '../../src/shared/rpc';
import { type Bundle, scriptRun, startBundle } from './harness';

const ADA = 'ada@example.com';
const BEA = 'bea@example.com';

function deck(): DeckState {
  return {
    kind: 'deck',
    id: 'deck-races',
    name: 'Races',
    pageWidth: 720,
    pageHeight: 405,
    slides: [{ objectId: 'p1', layout: 'BLANK', elements: [], speakerNotes: '' }],
    selection: { pageId: 'p1', elementIds: [], text: null },
  };
}

describe('two people changing one picture, through the real bundle', () => {
  let bundle: Bundle;
  let emulator: Emulator;
  let ref = '';
  let threadId = '';
  /** Every picture that was ever in the document, as its bytes. */
  const placed = new Set<string>();
  const live = () => bundle.runtime.world.document as DeckState;
  const { result, call } = scriptRun(() => bundle.runtime, ADA);

  function shown(): string {
    const element = live().slides[0]?.elements.find((e) => e.kind === 'image');
    if (element?.kind !== 'image') throw new Error('no picture on the slide');
    return element.image.base64;
  }

  async function edit(instruction: string, user: string): Promise<ImageDelivered> {
    return call<ImageDelivered>(
      'editImage',
      [{ ref, instruction, model: DEFAULT_MODEL_ID, aspectRatio: null, imageSize: '1K', quick: null }],
      user,
    );
  }

  function apply(made: ImageDelivered, user: string, resolve?: ApplyResolve): Promise<Result<ApplyResult>> {
    return result<ApplyResult>(
      'applyEdit',
      [{ imageId: made.image.id, keepAltDescription: true, ...(resolve ? { resolve } : {}) }],
      user,
    );
  }

  const value = <T>(r: Result<T>): T => {
    if (!r.ok) throw new Error(`${r.error.code}: ${r.error.detail ?? r.error.message}`);
    return r.value;
  };

  /** Every picture ever placed is shown, or a version that someone can open, with the same bytes. */
  async function everyPictureRestorable(): Promise<void> {
    const thread = await call<ThreadView>('getThread', [ref]);
    const found = new Set<string>([shown()]);
    for (const version of thread.versions) {
      const ada = await result<ThreadImage>('getVersionImage', [threadId, version.id], ADA);
      const bea = await result<ThreadImage>('getVersionImage', [threadId, version.id], BEA);
      const opened = ada.ok ? ada.value : bea.ok ? bea.value : null;
      expect(opened, `version ${version.id} opens for its holder`).not.toBeNull();
      if (opened) found.add(opened.base64);
    }
    for (const picture of placed) expect(found.has(picture), 'a picture that was in the document is kept').toBe(true);
  }

  beforeAll(async () => {
    bundle = await startBundle(deck(), { user: ADA });
    emulator = bundle.emulator;
    await call('saveApiKey', ['AIzaSyPeelRacesKey0123456789abcdefghiAD'], ADA);
    await call('saveApiKey', ['AIzaSyPeelRacesKey0123456789abcdefghiBE'], BEA);
    const made = await call<ImageDelivered>('generateImage', [
      { prompt: 'A lighthouse at dusk', model: DEFAULT_MODEL_ID, aspectRatio: '16:9', imageSize: '1K' },
    ]);
    const inserted = await call<InsertResult>('insertImage', [{ imageId: made.image.id, mode: 'insert' }]);
    const d = live();
    d.selection = { pageId: 'p1', elementIds: [inserted.objectId ?? ''], text: null };
    const target = await call<Target>('getTarget', []);
    ref = target.image?.ref ?? '';
    threadId = inserted.threadId ?? '';
    expect(ref).not.toBe('');
    placed.add(shown());
  });

  afterAll(async () => {
    await bundle?.close();
    expect(emulator.requests.every((r) => r.status === 200)).toBe(true);
  });

  it('two Applies at the same moment: one lands, the other is told and chooses; both pictures are kept', async () => {
    const [fromAda, fromBea] = await Promise.all([edit('Add a red boat', ADA), edit('Add a full moon', BEA)]);
    const [a, b] = await Promise.all([apply(fromAda, ADA), apply(fromBea, BEA)]);
    const outcomes = [value(a), value(b)];
    const kinds = outcomes.map((o) => o.kind).sort();
    expect(kinds).toEqual(['applied', 'changed']);
    const adaWon = outcomes[0]?.kind === 'applied';
    const [winner, loser] = adaWon ? [fromAda, fromBea] : [fromBea, fromAda];
    const loserUser = adaWon ? BEA : ADA;
    const told = (adaWon ? outcomes[1] : outcomes[0]) as ChangedMeanwhile;
    expect(told.by).toBe('collaborator');
    expect(told.message).toMatch(/nothing was replaced/);
    expect(shown()).toBe(winner.image.base64);
    placed.add(winner.image.base64);

    // The one told applies on top: the winner's picture becomes a version, labelled as its maker's.
    const onTop = value(await apply(loser, loserUser, { choice: 'replace', seen: told.seen }));
    expect(onTop.kind).toBe('applied');
    expect(shown()).toBe(loser.image.base64);
    placed.add(loser.image.base64);
    const thread = (onTop as ApplyDone).thread;
    const kept = thread.versions.find((v) => v.id === told.seen);
    expect(kept?.who, 'the version is labelled with who made it').toBe('collaborator');
    await everyPictureRestorable();
  });

  it('a stale Apply changes nothing until its maker chooses, and "keep" keeps it as a version only', async () => {
    const stale = await edit('Make it snow', ADA);
    const fresh = await edit('Add fireworks', BEA);
    expect(value(await apply(fresh, BEA)).kind).toBe('applied');
    placed.add(fresh.image.base64);
    const before = JSON.stringify(live());
    const told = value(await apply(stale, ADA));
    expect(told.kind).toBe('changed');
    expect(JSON.stringify(live()), 'nothing was overwritten').toBe(before);

    const kept = value(await apply(stale, ADA, { choice: 'keep', seen: (told as ChangedMeanwhile).seen }));
    expect(kept.kind).toBe('kept');
    expect(shown(), 'the newer picture stays').toBe(fresh.image.base64);
    const version = (kept as ApplyDone).thread.versions.find((v) => v.id === (kept as ApplyDone).versionId);
    expect(version).toMatchObject({ who: 'you', reachable: 'yes', current: false });
    const image = await call<ThreadImage>('getVersionImage', [threadId, (kept as ApplyDone).versionId], ADA);
    expect(image.base64).toBe(stale.image.base64);
    placed.add(stale.image.base64);
    await everyPictureRestorable();
  });

  it('a Restore racing an Apply: one lands, the other is told; nothing is lost', async () => {
    const thread = await call<ThreadView>('getThread', [ref], ADA);
    // A version in Ada's own Drive: one she can open and so restore.
    const first = thread.versions.find((v) => v.reachable === 'yes')?.id ?? '';
    expect(first).not.toBe('');
    const fromBea = await edit('Add a lighthouse keeper', BEA);
    const [restore, apply1] = await Promise.all([
      result<ApplyResult>('restoreVersion', [{ threadId, versionId: first, seen: thread.currentVersionId }], ADA),
      apply(fromBea, BEA),
    ]);
    const outcomes = [value(restore), value(apply1)];
    expect(outcomes.map((o) => o.kind).sort()).toEqual(['applied', 'changed']);
    if (outcomes[1]?.kind === 'applied') placed.add(fromBea.image.base64);
    // Whichever was told applies on top now; afterwards both have been in the document.
    if (outcomes[0]?.kind === 'changed') {
      const again = value(
        await result<ApplyResult>(
          'restoreVersion',
          [{ threadId, versionId: first, seen: (outcomes[0] as ChangedMeanwhile).seen }],
          ADA,
        ),
      );
      expect(again.kind).toBe('applied');
    } else {
      const seen = (outcomes[1] as ChangedMeanwhile).seen;
      expect(value(await apply(fromBea, BEA, { choice: 'replace', seen })).kind).toBe('applied');
      placed.add(fromBea.image.base64);
    }
    await everyPictureRestorable();
    const after = await call<ThreadView>('getThread', [ref], ADA);
    console.log(
      `races: ${placed.size} pictures placed, ${after.versions.length} versions kept, 0 overwritten without being told`,
    );
  });
});

type ApplyResolve = { choice: 'replace' | 'keep'; seen: string | null };
