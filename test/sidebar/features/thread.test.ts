import { describe, expect, it } from 'vitest';
import { keepsAlt, selectedVariant, shownThread } from '../../../sidebar/features/thread/state';
import { whoLabel } from '../../../sidebar/kernel/format';
import type { Server } from '../../../sidebar/kernel/rpc';
import { ServerError } from '../../../sidebar/kernel/rpc';
import type { ImageDelivered, Target, ThreadView } from '../../../src/shared/rpc';
import { deferred, named, SLIDE, settle, started, wire } from './fake-server';

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
  altTitle: 'Mountains',
  altDescription: 'Snowy peaks at dawn, written by hand',
  altByPerson: true,
  ...over,
});

let n = 0;
const edited = (costUsd: number | null = 0.05): ImageDelivered => {
  n += 1;
  return {
    kind: 'image',
    image: { id: `e${n}`, mimeType: 'image/png', base64: 'REVG', pixelWidth: 4, pixelHeight: 3, costUsd },
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
      threadId: 't1',
      instruction: 'add a lake',
      model: 'm',
      aspectRatio: null,
      quick: null,
    });
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

  it('keeps a person’s description by default, and Apply sends the chosen variant and frees the others', async () => {
    const { controller, calls, state } = await withImage({
      editImage: async () => wire(edited()),
      applyEdit: async () => ({ ref: 's:img1', threadId: 't1', versionId: 'v3', label: 'The image on slide 1' }),
    });
    controller.dispatch({ type: 'variantsChosen', variants: 2 }, { type: 'instructionChanged', instruction: 'warmer' });
    await controller.thread.edit();
    const [first, second] = state().thread.edited?.variants ?? [];
    controller.dispatch({ type: 'editedSelected', id: second?.image.id ?? '' });
    expect(keepsAlt(state().thread)).toBe(true);
    await controller.thread.apply();
    expect(named(calls, 'applyEdit')[0]?.[0]).toEqual({
      imageId: second?.image.id,
      ref: 's:img1',
      threadId: 't1',
      instruction: 'warmer',
      modelText: second?.text,
      quick: null,
      keepAltDescription: true,
    });
    expect(named(calls, 'discardImages')).toEqual([[[first?.image.id]]]);
    // The thread is read again: the new turn and version come from the server, not from a guess here.
    expect(named(calls, 'getThread').length).toBeGreaterThanOrEqual(2);
    expect(state().thread.edited).toBeNull();
    expect(state().thread.instruction).toBe('');
    expect(state().session.notice).toBe('Applied: The image on slide 1.');
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

  it('restores a version in place and reads the thread again', async () => {
    const { controller, calls, state } = await withImage({
      restoreVersion: async () => ({ ref: 's:img1', threadId: 't1', versionId: 'v4', label: 'The image on slide 1' }),
    });
    await controller.thread.restore('v1', 'version 1');
    expect(named(calls, 'restoreVersion')).toEqual([['t1', 'v1', 's:img1']]);
    expect(named(calls, 'getThread').length).toBeGreaterThanOrEqual(2);
    expect(state().session.notice).toBe('Restored version 1: The image on slide 1.');
  });
});
