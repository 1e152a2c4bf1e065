/**
 * The user cache is budgeted, through the real bundle (dist/Code.js in the local runtime, whose CacheService holds
 * 1,000 items per cache and lets the oldest go first). The audit: a deck job's proposals and a preview were
 * evicted by eleven 6.45 MB uploads, and the job still called them 'proposed'. Now uploads and taken pictures
 * share a fixed set of keys (their cap), so they evict only each other, oldest first; and a proposal the cache
 * lets go anyway shows as lost, with its redraw's price, and nothing is drawn or billed until it is asked for.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeckState, SlideState } from '../../dev/runtime/model';
import { shape } from '../../dev/runtime/seed';
import { MAX_ITEMS } from '../../dev/runtime/services/cache';
import { encodePng } from '../../dev/support/image';
import { DEFAULT_MODEL_ID } from '../../src/core/gemini/catalog';
import { HANDLE_SLOTS } from '../../src/server/platform/stash';
import type {
  ImageCallOutcome,
  ImageDelivered,
  InsertResult,
  JobPlan,
  JobView,
  ReferenceHandle,
  ThreadImage,
} from '../../src/shared/rpc';
import { type Bundle, scriptRun, startBundle } from './harness';

const ADA = 'ada@example.com';

function threeSlides(): DeckState {
  const slides: SlideState[] = ['Harvest', 'Irrigation', 'Soil health'].map((topic, i) => ({
    objectId: `p${i + 1}`,
    layout: 'TITLE_AND_BODY',
    speakerNotes: '',
    elements: [
      shape(`t${i + 1}`, 'TITLE', [36, 22, 648, 58], topic),
      shape(`b${i + 1}`, 'BODY', [36, 92, 300, 280], `What ${topic.toLowerCase()} means for the farm`),
    ],
  }));
  slides.push({ objectId: 'p4', layout: 'BLANK', speakerNotes: '', elements: [] });
  return {
    kind: 'deck',
    id: 'deck-user-cache',
    name: 'Cache deck',
    pageWidth: 720,
    pageHeight: 405,
    slides,
    selection: { pageId: 'p4', elementIds: [], text: null },
  };
}

/**
 * A 6.45 MB PNG (MB as Peel counts them, 2^20 bytes), as in the audit: pixels from a fixed-seed generator (seed printed), so it does not compress and
 * every run sends the same bytes.
 */
function largePng(seed: number): { base64: string; width: number; height: number } {
  const width = 1300;
  const height = 1300;
  const data = new Uint8Array(width * height * 4);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < data.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    data[i] = x & 0xff;
  }
  return { base64: Buffer.from(encodePng({ width, height, data })).toString('base64'), width, height };
}

describe('the user cache’s budget, through the real bundle', () => {
  let bundle: Bundle;
  const { result, call } = scriptRun(() => bundle.runtime, ADA);
  const userCache = () => bundle.runtime.world.cache.scope(`user:${ADA}`);
  const generateRequests = () => bundle.emulator.requests.filter((r) => r.path.includes(':generateContent')).length;

  beforeAll(async () => {
    bundle = await startBundle(threeSlides(), { user: ADA });
    await call('saveApiKey', ['AIzaSyPeelUserCacheKey0123456789abcdefg']);
  });

  afterAll(async () => {
    await bundle?.close();
  });

  async function startJob(count: number, capUsd = 100): Promise<{ job: JobView; plan: JobPlan }> {
    const plan = await call<JobPlan>('planDeckJob', [{ kind: 'illustrate', model: DEFAULT_MODEL_ID, imageSize: '1K' }]);
    const job = await call<JobView>('startDeckJob', [
      {
        kind: 'illustrate',
        model: DEFAULT_MODEL_ID,
        imageSize: '1K',
        capUsd,
        items: plan.items.slice(0, count).map(({ key, prompt, aspectRatio }) => ({ key, prompt, aspectRatio })),
      },
    ]);
    for (let index = 0; index < count; index++) {
      expect((await call<ImageCallOutcome>('runJobItem', [{ jobId: job.id, index }])).kind).toBe('image');
    }
    return { job, plan };
  }

  it('11 large uploads evict no proposal and no preview, only the oldest uploads', async () => {
    const { job } = await startJob(3);
    const preview = await call<ImageDelivered>('generateImage', [
      { prompt: 'A tractor at dawn', model: DEFAULT_MODEL_ID, aspectRatio: '1:1', imageSize: '1K' },
    ]);
    const seed = 0x5eed;
    console.log(`user-cache: upload pixels from seed ${seed}`);
    const upload = largePng(seed);
    expect((upload.base64.length * 3) / 4 / 2 ** 20).toBeCloseTo(6.45, 1);
    const handles: ReferenceHandle[] = [];
    for (let i = 0; i < 11; i++) {
      handles.push(
        await call<ReferenceHandle>('uploadReference', [
          { mimeType: 'image/png', base64: upload.base64, pixelWidth: upload.width, pixelHeight: upload.height },
        ]),
      );
    }
    // Together the uploads were more items than the cache holds: unbudgeted, they evicted everything older.
    expect(11 * (Math.ceil(upload.base64.length / 100_000) + 1)).toBeGreaterThan(MAX_ITEMS);

    const view = await call<JobView>('getDeckJob', []);
    expect(view.items.map((i) => i.state)).toEqual(['proposed', 'proposed', 'proposed']);
    for (let index = 0; index < 3; index++) {
      const shown = await call<ThreadImage>('getJobItemImage', [{ jobId: job.id, index }]);
      expect(shown.base64.length, `proposal ${index}`).toBeGreaterThan(100);
    }
    const inserted = await call<InsertResult>('insertImage', [{ imageId: preview.image.id, mode: 'insert' }]);
    expect(inserted.objectId).toBeTruthy();

    // The newest uploads are kept and the oldest gone: the uploads' keys never pass their cap.
    const withReferences = async (ids: readonly ReferenceHandle[]) => {
      const answer = await result<ImageDelivered>('generateImage', [
        {
          prompt: 'In this style',
          model: DEFAULT_MODEL_ID,
          aspectRatio: '1:1',
          imageSize: '1K',
          references: ids.map((h) => ({ kind: 'handle', id: h.id, role: 'style' })),
        },
      ]);
      return answer.ok ? 'ok' : answer.error.code;
    };
    expect(await withReferences(handles.slice(7))).toBe('ok');
    expect(await withReferences(handles.slice(0, 1))).toBe('REFERENCE_EXPIRED');
    const uploadKeys = [...userCache().keys()].filter((k) => k.startsWith('peel.ref.'));
    expect(uploadKeys.length).toBeLessThanOrEqual(HANDLE_SLOTS + 1);
    // More than the share holds at once is refused before anything is sent: sent again, each would push out another.
    const sent = generateRequests();
    expect(await withReferences(handles.slice(6))).toBe('REQUEST_TOO_LARGE');
    expect(generateRequests()).toBe(sent);
    await call<JobView>('cancelDeckJob', [job.id]);
  });

  it('a proposal the cache let go shows as lost with its redraw’s price; nothing is drawn until asked', async () => {
    const price = (
      await call<JobPlan>('planDeckJob', [{ kind: 'illustrate', model: DEFAULT_MODEL_ID, imageSize: '1K' }])
    ).perImageUsd as number;
    // Room under the cap for the two proposals and exactly one redraw.
    const { job } = await startJob(2, Math.round(price * 3.5 * 100) / 100);
    const drawn = await call<JobView>('getDeckJob', []);
    const ids = drawn.items.map((i) => i.imageId as string);
    // The cache lets both go (Google may evict before the 6 hours are up).
    for (const key of [...userCache().keys()]) {
      if (ids.some((id) => key.startsWith(`peel.img.${id}`) || key.startsWith(`peel.memo.${id}`))) {
        userCache().delete(key);
      }
    }
    const sent = generateRequests();
    const lost = await call<JobView>('getDeckJob', []);
    expect(lost.items.map((i) => i.state)).toEqual(['lost', 'lost']);
    expect(lost.items.every((i) => i.imageId === null)).toBe(true);
    expect(lost.perImageUsd).toBe(price);
    expect(lost.spentUsd).toBe(drawn.spentUsd);
    // Reopened, nothing is drawn by itself, and a lost proposal cannot be placed.
    const accepted = await result<JobView>('reviewJobItem', [{ jobId: job.id, index: 0, action: 'accept' }]);
    expect(accepted.ok ? '' : accepted.error.code).toBe('BAD_INPUT');
    expect(generateRequests()).toBe(sent);
    // Draw again: one request, the item proposed again.
    const again = await call<JobView>('reviewJobItem', [{ jobId: job.id, index: 0, action: 'regenerate' }]);
    expect(again.items[0]?.state).toBe('waiting');
    expect((await call<ImageCallOutcome>('runJobItem', [{ jobId: job.id, index: 0 }])).kind).toBe('image');
    expect(generateRequests()).toBe(sent + 1);
    // The second redraw would pass the cap: refused before anything is sent.
    await call<JobView>('reviewJobItem', [{ jobId: job.id, index: 1, action: 'regenerate' }]);
    const refused = await result<ImageCallOutcome>('runJobItem', [{ jobId: job.id, index: 1 }]);
    expect(refused.ok ? '' : refused.error.code).toBe('JOB_CAP');
    expect(generateRequests()).toBe(sent + 1);
    const after = await call<JobView>('getDeckJob', []);
    expect(after.items.map((i) => i.state)).toEqual(['proposed', 'waiting']);
    await call<JobView>('cancelDeckJob', [job.id]);
  });

  it('a proposal whose picture is gone when it is accepted is marked lost, and nothing is placed', async () => {
    const { job } = await startJob(1);
    const [item] = (await call<JobView>('getDeckJob', [])).items;
    const id = item?.imageId as string;
    const slidesBefore = JSON.stringify(bundle.runtime.world.document);
    // Only a chunk goes: the check when the job is read looks at the first pieces; Accept reads them all.
    for (const key of [...userCache().keys()]) if (key === `peel.img.${id}.0`) userCache().delete(key);
    const answer = await call<JobView>('reviewJobItem', [{ jobId: job.id, index: 0, action: 'accept' }]);
    expect(answer.items[0]?.state).toBe('lost');
    expect(JSON.stringify(bundle.runtime.world.document)).toBe(slidesBefore);
    expect((await call<JobView>('getDeckJob', [])).items[0]?.state).toBe('lost');
    await call<JobView>('cancelDeckJob', [job.id]);
  });
});
