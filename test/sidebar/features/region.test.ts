/**
 * An edit kept to a marked part, in the sidebar's actions with a fake server: the marked part goes with a change
 * the person typed and never with a quick edit, and Keep everything else exactly keeps the composite through
 * keepCutout in the chosen variant's place (or says why not, changing nothing). Node has no canvas, so the
 * composite itself (marking.ts, tested through core/region.ts and the browser test) is stood in for.
 */
import { describe, expect, it, vi } from 'vitest';
import { keepEverythingElse } from '../../../sidebar/features/thread/keep-rest';
import { selectedVariant } from '../../../sidebar/features/thread/state';
import { ServerError } from '../../../sidebar/kernel/rpc';
import { learnEnglish } from '../../../sidebar/kernel/words';
import { EN_PARTS } from '../../../src/core/i18n/en-parts';
import type { ImageDelivered, RegionRequest, Target, ThreadView } from '../../../src/shared/rpc';
import { named, SLIDE, settle, started, wire } from './fake-server';

const composites: unknown[][] = [];
vi.mock('../../../sidebar/features/thread/marking', () => ({
  keepRest: async (...args: unknown[]) => {
    composites.push(args);
    return 'S0VQVA==';
  },
  markRegion: async () => {
    throw new Error('not in node');
  },
  outsideShare: async () => 0.3,
}));

// What the late part teaches the page's words when it arrives; keep-rest.ts is the late part's.
learnEnglish(EN_PARTS);

const IMAGE: Target = { ...SLIDE, kind: 'image', label: 'Selected image', image: { ref: 's:img1', threadId: 't1' } };
const VIEW: ThreadView = {
  threadId: 't1',
  ref: 's:img1',
  label: 'The selected image on slide 1',
  current: { mimeType: 'image/png', base64: 'QUJD', pixelWidth: 160, pixelHeight: 120 },
  turns: [],
  summary: null,
  versions: [],
  currentVersionId: null,
  altTitle: 'Sunrise',
  altDescription: '',
  altByPerson: false,
};
const REGION: RegionRequest = { left: 10, top: 12, width: 50, height: 40, colour: '#FF00FF', marked: 'TUFSSw==' };

let n = 0;
const answer = (): ImageDelivered => {
  n += 1;
  return {
    kind: 'image',
    image: { id: `e${n}`, mimeType: 'image/png', base64: 'REVG', pixelWidth: 1024, pixelHeight: 768, costUsd: 0.05 },
    altTitle: 'A balloon',
    text: '',
    warnings: [],
    documentCostUsd: 0.3,
  };
};

const opened = (keepCutout: (request: { imageId: string; base64: string }) => Promise<{ imageId: string }>) =>
  started({
    getTarget: async () => wire(IMAGE),
    getThread: async () => wire(VIEW),
    editImage: async () => wire(answer()),
    keepCutout,
  });

/** The sidebar with the part marked and one edit of it shown. */
async function editedInPart(keepCutout: Parameters<typeof opened>[0]) {
  const opening = await opened(keepCutout);
  await settle();
  opening.controller.dispatch(
    { type: 'regionPatched', patch: { region: REGION } },
    { type: 'instructionChanged', instruction: 'Put a balloon here' },
  );
  await opening.controller.thread.edit();
  return opening;
}

describe('an edit kept to a marked part, in the sidebar', () => {
  it('sends the marked part with a typed change, and not with a quick edit', async () => {
    const { controller, calls, state } = await editedInPart(async ({ imageId }) => ({ imageId: `${imageId}-kept` }));
    expect(named(calls, 'editImage')[0]?.[0]).toMatchObject({ instruction: 'Put a balloon here', region: REGION });
    expect(state().thread.edited?.region).toEqual(REGION);
    await controller.thread.edit({ kind: 'more-like-this' });
    expect(named(calls, 'editImage')[1]?.[0]).toMatchObject({ quick: { kind: 'more-like-this' }, region: null });
    expect(state().thread.edited?.region).toBeNull();
  });

  it('keeps everything else exactly: the composite replaces the chosen variant, at the picture’s size', async () => {
    const { controller, calls, state } = await editedInPart(async ({ imageId }) => ({ imageId: `${imageId}-kept` }));
    const made = selectedVariant(state().thread.edited)?.image.id ?? '';
    composites.length = 0;
    await keepEverythingElse(controller);
    // The composite is made from the picture, the chosen variant and the part the edit was sent with.
    expect(composites).toEqual([[VIEW.current, expect.objectContaining({ id: made }), REGION]]);
    expect(named(calls, 'keepCutout')).toEqual([[{ imageId: made, base64: 'S0VQVA==' }]]);
    expect(named(calls, 'discardImages')).toContainEqual([[made]]);
    const chosen = selectedVariant(state().thread.edited);
    expect(chosen?.image).toMatchObject({
      id: `${made}-kept`,
      mimeType: 'image/png',
      base64: 'S0VQVA==',
      pixelWidth: 160,
      pixelHeight: 120,
    });
    expect(state().thread.edited?.variants).toHaveLength(1);
    expect(state().session.busy).toBeNull();
    expect(state().session.notice).toMatch(/as it was/);
  });

  it('says why when the server refuses, leaving the variant as the model drew it', async () => {
    const refusal = new ServerError({
      code: 'BAD_INPUT',
      message: 'Keeping the rest refused.',
      action: 'The edit stays as Gemini drew it.',
    });
    const { controller, calls, state } = await editedInPart(async () => Promise.reject(refusal));
    const before = state().thread.edited;
    await keepEverythingElse(controller);
    expect(named(calls, 'keepCutout')).toHaveLength(1);
    expect(state().thread.edited).toBe(before);
    expect(state().session.error?.message).toBe('Keeping the rest refused.');
    expect(state().session.busy).toBeNull();
  });

  it('does nothing for an edit that was not kept to a part', async () => {
    const { controller, calls } = await opened(async ({ imageId }) => ({ imageId }));
    await settle();
    controller.dispatch({ type: 'instructionChanged', instruction: 'Make it dusk' });
    await controller.thread.edit();
    await keepEverythingElse(controller);
    expect(named(calls, 'keepCutout')).toEqual([]);
  });
});
