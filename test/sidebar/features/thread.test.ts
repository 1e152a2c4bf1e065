import { describe, expect, it } from 'vitest';
import type { Parts } from '../../../sidebar/app/controller';
import { type Cutter, matteRefusal } from '../../../sidebar/features/thread/cutout';
import {
  type Edited,
  editedNotice,
  keepsAlt,
  selectedVariant,
  shownThread,
} from '../../../sidebar/features/thread/state';
import { whoLabel } from '../../../sidebar/kernel/format';
import type { Late } from '../../../sidebar/kernel/late';
import type { Server } from '../../../sidebar/kernel/rpc';
import { ServerError } from '../../../sidebar/kernel/rpc';
import { learnEnglish, setLanguage } from '../../../sidebar/kernel/words';
import { TRANSLATIONS } from '../../../src/core/i18n/catalogs';
import { EN_PARTS } from '../../../src/core/i18n/en-parts';
import type { ApplyResult, ImageDelivered, Target, ThreadView } from '../../../src/shared/rpc';
import { deferred, FakeClock, named, SLIDE, settle, started, wire } from './fake-server';

const IMAGE: Target = { ...SLIDE, kind: 'image', label: 'Selected image', image: { ref: 's:img1', threadId: 't1' } };

const view = (over: Partial<ThreadView> = {}): ThreadView => ({
  threadId: 't1',
  ref: 's:img1',
  label: 'The selected image on slide 1',
  current: { mimeType: 'image/png', base64: 'QUJD', pixelWidth: 4, pixelHeight: 3 },
  turns: [
    {
      instruction: 'A mountain landscape',
      modelText: '',
      model: 'm',
      ratio: '16:9',
      size: '1K',
      costUsd: 0.05,
      at: 1000,
      who: 'collaborator',
      versionId: 'v1',
      kind: 'new',
    },
  ],
  summary: null,
  versions: [
    { id: 'v1', at: 1000, who: 'collaborator', current: false, reachable: 'unknown' },
    { id: 'v2', at: 2000, who: 'you', current: true, reachable: 'yes' },
  ],
  currentVersionId: 'v2',
  altTitle: 'Mountains',
  altDescription: 'Snowy peaks at dawn, written by hand',
  altByPerson: true,
  ...over,
});

/** The thread as a placement answers with it: everything but the picture, which the sidebar has. */
const summary = (over: Partial<ThreadView> = {}) => {
  const { current: _current, ...rest } = view(over);
  return rest;
};

/** What a placement answers: the picture changed meanwhile, or placed (`applied`) or kept as a version (`kept`). */
const CHANGED: ApplyResult = {
  kind: 'changed',
  seen: 'v3',
  by: 'collaborator',
  at: 5000,
  message: 'A collaborator changed this picture.',
};
const done = (kind: 'applied' | 'kept', versionId: string, current: string): ApplyResult => ({
  kind,
  ref: 's:img1',
  threadId: 't1',
  versionId,
  label: 'The image on slide 1',
  thread: summary({ currentVersionId: current }),
});

let n = 0;
const edited = (costUsd: number | null = 0.05): ImageDelivered => {
  n += 1;
  return {
    kind: 'image',
    image: { id: `e${n}`, mimeType: 'image/png', base64: 'REVG', pixelWidth: 4, pixelHeight: 3, costUsd },
    altTitle: 'A lake',
    text: `edit ${n}`,
    warnings: [],
    documentCostUsd: 0.3,
  };
};

/** A sidebar with an image selected and its thread shown. */
async function withImage(functions: Partial<Server> = {}) {
  const opened = await started({
    getTarget: async () => wire(IMAGE),
    getThread: async () => wire(view()),
    ...functions,
  });
  await settle();
  return opened;
}

describe('the thread follows the selection', () => {
  it('a reading of the selection that brings the picture’s thread shows it without another call, and says what it shows', async () => {
    const { calls, state } = await started({
      getTarget: async () => wire({ ...IMAGE, image: { ref: 's:img1', threadId: 't1', view: view() } }),
    });
    await settle();
    expect(named(calls, 'getThread')).toEqual([]);
    expect(shownThread(state().thread)?.label).toBe('The selected image on slide 1');
    // The first reading shows no thread; the sidebar names the one it shows in later readings.
    expect(named(calls, 'getTarget')[0]).toEqual([null]);
  });

  it('shows the selected image’s thread, and with nothing selected the document’s most recent one', async () => {
    const { calls, state } = await withImage();
    expect(named(calls, 'getThread')).toEqual([['s:img1']]);
    expect(shownThread(state().thread)?.label).toBe('The selected image on slide 1');
    expect(state().thread.recent).toBe(false);

    const empty = await started({ getThread: async () => wire(view()) });
    await settle();
    expect(named(empty.calls, 'getThread')).toEqual([[null]]);
    expect(empty.state().thread.recent).toBe(true);
  });

  it('shows no thread and no error when the document has none', async () => {
    const { state } = await started({ getThread: async () => null });
    await settle();
    expect(shownThread(state().thread)).toBeNull();
    expect(state().session.error).toBeNull();
  });

  it('“New image” and Generate hide the thread until an image is selected again', async () => {
    const { controller, state } = await withImage();
    controller.thread.newImage();
    expect(shownThread(state().thread)).toBeNull();
    await controller.session.refreshTarget();
    expect(shownThread(state().thread)).not.toBeNull();
    controller.dispatch({ type: 'generateStarted', now: 1, variants: 1 });
    expect(shownThread(state().thread)).toBeNull();
  });

  it('says who made a turn without naming anyone', () => {
    expect([whoLabel('you'), whoLabel('collaborator')]).toEqual(['You', 'A collaborator']);
  });
});

describe('editing', () => {
  it('asks for an instruction before calling Gemini', async () => {
    const { controller, calls, state } = await withImage();
    await controller.thread.edit();
    expect(named(calls, 'editImage')).toEqual([]);
    expect(state().session.error?.code).toBe('BAD_INPUT');
  });

  it('calls editImage once per variant, in parallel, for the shown image and thread', async () => {
    const pending = [deferred<ImageDelivered>(), deferred<ImageDelivered>(), deferred<ImageDelivered>()];
    let i = 0;
    const { controller, calls, state } = await withImage({
      editImage: () => (pending[i++] as ReturnType<typeof deferred<ImageDelivered>>).promise.then(wire),
    });
    controller.dispatch(
      { type: 'variantsChosen', variants: 3 },
      { type: 'instructionChanged', instruction: ' add a lake ' },
    );
    const done = controller.thread.edit();
    await settle();
    // All three are out before any has answered.
    expect(named(calls, 'editImage')).toHaveLength(3);
    expect(named(calls, 'editImage')[0]?.[0]).toMatchObject({
      ref: 's:img1',

      instruction: 'add a lake',
      model: 'm',
      aspectRatio: null,
      quick: null,
    });
    // The server finds the picture's thread from the picture itself.
    expect(named(calls, 'editImage')[0]?.[0]).not.toHaveProperty('threadId');
    pending[0]?.resolve(edited());
    pending[1]?.reject(new ServerError({ code: 'RATE_LIMITED', message: 'Slow down.', action: 'Wait.' }));
    pending[2]?.resolve(edited());
    await done;
    const shown = state().thread.edited;
    expect(shown?.variants).toHaveLength(2);
    expect(shown?.failures.map((f) => f.code)).toEqual(['RATE_LIMITED']);
    expect(selectedVariant(shown ?? null)?.image.id).toBe(shown?.variants[0]?.image.id);
  });

  it('sends a quick edit as an ordinary turn with the server wording it', async () => {
    const { controller, calls } = await withImage({ editImage: async () => wire(edited()) });
    await controller.thread.edit({ kind: 'replace-background', with: 'a sunny beach' });
    expect(named(calls, 'editImage')[0]?.[0]).toMatchObject({
      instruction: '',
      quick: { kind: 'replace-background', with: 'a sunny beach' },
    });
  });

  it('drops and frees an edit that arrives after Cancel', async () => {
    const late = deferred<ImageDelivered>();
    const { controller, calls, state } = await withImage({ editImage: () => late.promise.then(wire) });
    controller.dispatch({ type: 'instructionChanged', instruction: 'warmer' });
    const done = controller.thread.edit();
    controller.thread.cancelEdit();
    late.resolve(edited());
    await done;
    expect(state().thread.edited).toBeNull();
    expect(named(calls, 'discardImages')).toHaveLength(1);
  });

  it('keeps a person’s description by default; Apply sends only the chosen variant’s id, frees the others, and shows the answer’s thread', async () => {
    const { controller, calls, state } = await withImage({
      editImage: async () => wire(edited()),
      applyEdit: async () => wire(done('applied', 'v3', 'v3')),
    });
    controller.dispatch({ type: 'variantsChosen', variants: 2 }, { type: 'instructionChanged', instruction: 'warmer' });
    await controller.thread.edit();
    const [first, second] = state().thread.edited?.variants ?? [];
    controller.dispatch({ type: 'editedSelected', id: second?.image.id ?? '' });
    expect(keepsAlt(state().thread)).toBe(true);
    const reads = named(calls, 'getThread').length + named(calls, 'getTarget').length;
    await controller.thread.apply();
    expect(named(calls, 'applyEdit')[0]?.[0]).toEqual({ imageId: second?.image.id, keepAltDescription: true });
    expect(named(calls, 'discardImages')).toEqual([[[first?.image.id]]]);
    // One round trip: the answer carries the thread, and its picture is the variant just applied.
    await settle();
    expect(named(calls, 'getThread').length + named(calls, 'getTarget').length).toBe(reads);
    expect(state().thread.view?.currentVersionId).toBe('v3');
    expect(state().thread.view?.current.base64).toBe(second?.image.base64);
    expect(state().thread.edited).toBeNull();
    expect(state().thread.instruction).toBe('');
    expect(state().session.notice).toBe('Applied: The image on slide 1.');
  });

  it('an Apply that finds the picture changed meanwhile replaces nothing: the person applies on top, or keeps theirs as a version', async () => {
    const answers = [CHANGED, done('kept', 'v4', 'v3')];
    const { controller, calls, state } = await withImage({
      editImage: async () => wire(edited()),
      applyEdit: async () => wire(answers.shift() as ApplyResult),
    });
    controller.dispatch({ type: 'instructionChanged', instruction: 'warmer' });
    await controller.thread.edit();
    const chosen = state().thread.edited?.variants[0];
    await controller.thread.apply();
    expect(state().thread.edited?.changed).toMatchObject({ seen: 'v3', by: 'collaborator' });
    expect(state().thread.edited?.variants).toHaveLength(1);
    expect(state().session.busy).toBeNull();
    await controller.thread.apply('keep');
    expect(named(calls, 'applyEdit')[1]?.[0]).toEqual({
      imageId: chosen?.image.id,
      keepAltDescription: true,
      resolve: { choice: 'keep', seen: 'v3' },
    });
    expect(state().thread.edited).toBeNull();
    // Kept only: the picture shown is still the one in the document.
    expect(state().thread.view?.current.base64).toBe('QUJD');
    expect(state().session.notice).toMatch(/Kept your edit as a version/);
  });

  it('replaces Peel’s own description unless the person ticks the box', async () => {
    const { controller, state } = await started({
      getTarget: async () => wire(IMAGE),
      getThread: async () => wire(view({ altByPerson: false })),
    });
    await settle();
    expect(keepsAlt(state().thread)).toBe(false);
    controller.dispatch({ type: 'keepAltToggled', keep: true });
    expect(keepsAlt(state().thread)).toBe(true);
  });

  it('a failed Apply leaves the variants to try again, and says why', async () => {
    const { controller, state } = await withImage({
      editImage: async () => wire(edited()),
      applyEdit: async () => {
        throw new ServerError({ code: 'IMAGE_GONE', message: 'The image is gone.', action: 'Select it.' });
      },
    });
    controller.dispatch({ type: 'instructionChanged', instruction: 'warmer' });
    await controller.thread.edit();
    await controller.thread.apply();
    expect(state().thread.edited?.variants).toHaveLength(1);
    expect(state().session).toMatchObject({ busy: null, error: { code: 'IMAGE_GONE' } });
  });
});

describe('versions', () => {
  it('loads a version’s picture once, and keeps the server’s sentence for one the caller cannot reach', async () => {
    const { controller, calls, state } = await withImage({
      getVersionImage: async () => {
        throw new ServerError({
          code: 'VERSION_UNAVAILABLE',
          message: 'This version is in a collaborator’s Google Drive.',
          action: 'Ask them to restore it.',
        });
      },
    });
    await Promise.all([controller.thread.loadVersion('v1'), controller.thread.loadVersion('v1')]);
    expect(named(calls, 'getVersionImage')).toEqual([['t1', 'v1']]);
    expect(state().thread.pictures.v1).toMatchObject({
      state: 'unavailable',
      error: { message: 'This version is in a collaborator’s Google Drive.' },
    });
  });

  it('restores a version in place, as the person saw it, and shows the answer’s thread with that version’s picture', async () => {
    const answers = [CHANGED, done('applied', 'v1', 'v1')];
    const { controller, calls, state } = await withImage({
      getVersionImage: async () => wire({ mimeType: 'image/png', base64: 'VjEx', pixelWidth: 4, pixelHeight: 3 }),
      restoreVersion: async () => wire(answers.shift() as ApplyResult),
    });
    await controller.thread.loadVersion('v1');
    const reads = named(calls, 'getThread').length;
    await controller.thread.restore('v1', 'version 1');
    expect(named(calls, 'restoreVersion')).toEqual([[{ threadId: 't1', versionId: 'v1', seen: 'v2' }]]);
    expect(state().thread.restoreChanged).toMatchObject({ versionId: 'v1', changed: { seen: 'v3' } });
    await controller.thread.restore('v1', 'version 1');
    expect(named(calls, 'restoreVersion')[1]).toEqual([{ threadId: 't1', versionId: 'v1', seen: 'v3' }]);
    expect(state().thread.restoreChanged).toBeNull();
    expect(named(calls, 'getThread').length).toBe(reads);
    expect(state().thread.view?.current.base64).toBe('VjEx');
    expect(state().session.notice).toBe('Restored version 1: The image on slide 1.');
  });
});

describe('Remove background cuts the subject out', () => {
  /** The late part with its cut-out code replaced: node has no canvas. */
  function partsWith(cutter: Cutter): Late<Parts> {
    let part: Parts | null = null;
    return {
      now: () => part,
      load: async () => {
        part = { ...(await import('../../../sidebar/app/parts')), ...cutter };
        return part;
      },
    };
  }
  const opened = (cutter: Cutter, functions: Partial<Server> = {}) =>
    started(
      { getTarget: async () => wire(IMAGE), getThread: async () => wire(view()), ...functions },
      new FakeClock(),
      partsWith(cutter),
    );

  it('asks for the key colour chosen from the picture, keeps the cut-out and shows it for Apply', async () => {
    const cut: unknown[] = [];
    const { controller, calls, state } = await opened(
      {
        keyFor: async () => '#FF00FF',
        cutOut: async (picture, key) => {
          cut.push([picture.base64, key]);
          return { ok: true, base64: 'Q1VU' };
        },
      },
      { editImage: async () => wire(edited()), keepCutout: async ({ imageId }) => ({ imageId: `${imageId}-cut` }) },
    );
    await settle();
    await controller.thread.edit({ kind: 'remove-background' });
    expect(named(calls, 'editImage')[0]?.[0]).toMatchObject({ quick: { kind: 'remove-background', key: '#FF00FF' } });
    expect(cut).toEqual([['REVG', '#FF00FF']]);
    const made = named(calls, 'keepCutout')[0]?.[0] as { imageId: string; base64: string };
    expect(made.base64).toBe('Q1VU');
    const chosen = selectedVariant(state().thread.edited);
    expect(chosen?.image).toMatchObject({ id: `${made.imageId}-cut`, mimeType: 'image/png', base64: 'Q1VU' });
    // The opaque picture is let go; Apply sends the cut-out's id.
    expect(named(calls, 'discardImages')).toEqual([[[made.imageId]]]);
    expect(state().session.notice).toContain('its background is transparent');
  });

  it('keeps the opaque picture and says why when the matte is poor', async () => {
    const sentence = 'The magenta (#FF00FF) background shows through the subject.';
    const { controller, calls, state } = await opened(
      { keyFor: async () => '#FF00FF', cutOut: async () => ({ ok: false, sentence }) },
      { editImage: async () => wire(edited()) },
    );
    await settle();
    await controller.thread.edit({ kind: 'remove-background' });
    expect(named(calls, 'keepCutout')).toEqual([]);
    const chosen = selectedVariant(state().thread.edited);
    expect(chosen?.image.base64).toBe('REVG');
    expect(chosen?.warnings).toContain(sentence);
  });

  it('sends green when the picture cannot be read, and other quick edits cut nothing', async () => {
    const { controller, calls } = await opened(
      {
        keyFor: async () => Promise.reject(new Error('no pixels')),
        cutOut: async () => ({ ok: false, sentence: 'no' }),
      },
      { editImage: async () => wire(edited()) },
    );
    await settle();
    await controller.thread.edit({ kind: 'remove-background' });
    expect(named(calls, 'editImage')[0]?.[0]).toMatchObject({ quick: { kind: 'remove-background', key: '#00FF00' } });
    await controller.thread.edit({ kind: 'more-like-this' });
    expect(named(calls, 'editImage')[1]?.[0]).toMatchObject({ quick: { kind: 'more-like-this' } });
  });
});

describe('a chain of edits', () => {
  it('continues from the preview shown (its id only), keeps each link, and Apply places the link chosen', async () => {
    const { controller, calls, state } = await withImage({
      editImage: async () => wire(edited()),
      applyEdit: async () => wire(done('applied', 'v3', 'v3')),
    });
    controller.dispatch({ type: 'instructionChanged', instruction: 'warmer' });
    await controller.thread.edit();
    const first = selectedVariant(state().thread.edited);
    controller.dispatch({ type: 'instructionChanged', instruction: 'add a boat' });
    await controller.thread.edit();
    const second = selectedVariant(state().thread.edited);
    const requests = named(calls, 'editImage').map((args) => args[0] as { from?: string; instruction: string });
    expect(requests.map((r) => [r.instruction, r.from])).toEqual([
      ['warmer', undefined],
      ['add a boat', first?.image.id],
    ]);
    // Nothing billed is let go: the first preview is a link of the chain, kept for Apply.
    expect(named(calls, 'discardImages')).toEqual([]);
    expect(state().thread.edited?.chain?.map((link) => link.image.id)).toEqual([first?.image.id]);

    // Choosing the first link for Apply: it is what "after" shows and what Apply sends.
    controller.dispatch({ type: 'editedPatched', patch: { selectedId: first?.image.id ?? '' } });
    expect(selectedVariant(state().thread.edited)?.image.id).toBe(first?.image.id);
    expect(second?.image.id).not.toBe(first?.image.id);
    await controller.thread.apply();
    expect(named(calls, 'applyEdit')[0]?.[0]).toEqual({ imageId: first?.image.id, keepAltDescription: true });
    expect(state().thread.edited).toBeNull();
  });

  it('goes back to the picture in the document when the person asks, sending no preview id', async () => {
    const { controller, calls, state } = await withImage({ editImage: async () => wire(edited()) });
    controller.dispatch({ type: 'instructionChanged', instruction: 'warmer' });
    await controller.thread.edit();
    const shown = selectedVariant(state().thread.edited);
    controller.dispatch({ type: 'editedPatched', patch: { fromDocument: true } });
    controller.dispatch({ type: 'instructionChanged', instruction: 'cooler' });
    await controller.thread.edit();
    const last = named(calls, 'editImage').at(-1)?.[0] as { from?: string };
    expect(last.from).toBeUndefined();
    expect(state().thread.edited?.chain).toBeUndefined();
    // The preview it did not continue from is let go, as before chains.
    expect(named(calls, 'discardImages')).toEqual([[[shown?.image.id]]]);
  });
});

describe('the edit’s notices', () => {
  const edited = (costs: readonly (number | null)[]) =>
    ({ variants: costs.map((costUsd) => ({ image: { costUsd } })) }) as unknown as Edited;

  it('say which variants are ready, and what they cost, in English as before and in the sidebar’s language', () => {
    expect(editedNotice(edited([0.039, 0.039]), 2)).toBe('2 variants ready (cost $0.078). Compare, then Apply.');
    expect(editedNotice(edited([null]), 2)).toBe('1 of 2 variants ready. Compare, then Apply.');
    setLanguage('de', JSON.stringify(TRANSLATIONS.de));
    try {
      expect(editedNotice(edited([0.039]), 1)).toBe(
        '1 Variante fertig (Kosten 0,039\u00a0$). Vergleichen Sie, dann „Übernehmen“.',
      );
      expect(editedNotice(edited([0.039, null]), 3)).toBe(
        '2 von 3 Varianten fertig. Vergleichen Sie, dann „Übernehmen“.',
      );
    } finally {
      setLanguage('en');
    }
  });
});

describe('why a cut-out keeps its background', () => {
  // Cut-outs are made in the sidebar's late part, which brings its English (app/parts.ts).
  learnEnglish(EN_PARTS);

  it('is said with the key colour asked for, in English as before and in the sidebar’s language', () => {
    expect(matteRefusal('border', '#00FF00')).toBe(
      'Gemini did not put the subject on the flat green (#00FF00) background Peel asked for, so Peel kept the picture as it is. Try Remove background again.',
    );
    expect(matteRefusal('bleed', '#FF00FF', 0.126)).toBe(
      'The magenta (#FF00FF) background shows through the subject (13% of it would be see-through), so Peel kept the picture as it is rather than cut holes in it.',
    );
    setLanguage('de', JSON.stringify(TRANSLATIONS.de));
    try {
      expect(matteRefusal('empty', '#0000FF')).toBe(
        'Außer dem Hintergrund in Blau (#0000FF) blieb nichts übrig, daher hat Peel das Bild gelassen, wie es ist.',
      );
    } finally {
      setLanguage('en');
    }
  });
});
