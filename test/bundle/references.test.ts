/**
 * Reference images through the real bundle (dist/Code.js in the local runtime, against the validating emulator):
 * a blend of two selected pictures, a style transfer onto a picture with an uploaded style, a named character
 * used on two slides (byte-identical both times) and seen by a collaborator, a refusal over the model's limit
 * before any request, and bad uploads refused with a sentence. Every request that reaches the emulator passes
 * its discovery-document validation (it answers 400 otherwise).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../../dev/emulator/index';
import { referenceTiles } from '../../dev/emulator/synth';
import { sectionBlocks } from '../../dev/runtime/docs/flow';
import { type Runtime, World } from '../../dev/runtime/index';
import type { DeckState, DocumentState, ImageData, ImageElement } from '../../dev/runtime/model';
import { US_LETTER } from '../../dev/runtime/seed';
import { decodeImage, encodePng, type Rgba } from '../../dev/support/image';
import { threadKey } from '../../src/core/conversation/thread';
import { DEFAULT_MODEL_ID } from '../../src/core/gemini/catalog';
import { composeBlendPrompt, composeStyleTransferPrompt } from '../../src/core/references';
import type {
  ApplyDone,
  ImageDelivered,
  InsertResult,
  NamedReference,
  ReferenceHandle,
  TakenReference,
  Target,
} from '../../src/shared/rpc';
import { bombs, heic, jpegHeader, pngHeader, zeroPng } from '../support/image-headers';
import { bundleRuntime, scriptRun } from './harness';

const ADA = 'ada@example.com';
const BEA = 'bea@example.com';
type Colour = readonly [number, number, number];
const RED: Colour = [220, 30, 30];
const BLUE: Colour = [30, 40, 220];
const GREEN: Colour = [30, 200, 60];

function solid(colour: Colour, width = 64, height = 48): ImageData {
  const data = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) data.set([...colour, 255], i * 4);
  const png = encodePng({ width, height, data });
  return { mimeType: 'image/png', base64: Buffer.from(png).toString('base64'), pixelWidth: width, pixelHeight: height };
}

function picture(objectId: string, left: number, colour: Colour, title: string): ImageElement {
  return {
    kind: 'image',
    objectId,
    left,
    top: 60,
    width: 160,
    height: 120,
    title,
    description: '',
    placeholder: 'NONE',
    image: solid(colour),
  };
}

function deck(): DeckState {
  return {
    kind: 'deck',
    id: 'deck-references',
    name: 'References',
    pageWidth: 720,
    pageHeight: 405,
    slides: [
      {
        objectId: 'p1',
        layout: 'BLANK',
        elements: [picture('red', 40, RED, 'Red square'), picture('blue', 300, BLUE, 'Blue square')],
        speakerNotes: '',
      },
      { objectId: 'p2', layout: 'BLANK', elements: [], speakerNotes: '' },
      { objectId: 'p3', layout: 'BLANK', elements: [], speakerNotes: '' },
    ],
    selection: { pageId: 'p1', elementIds: [], text: null },
  };
}

/** The mean colour of a tile's middle (clear of its frame and its number). */
function tileColour(image: Rgba, tile: { x: number; y: number; width: number; height: number }): Colour {
  const sum = [0, 0, 0];
  let n = 0;
  for (let y = Math.round(tile.y + tile.height * 0.4); y < tile.y + tile.height * 0.8; y++) {
    for (let x = Math.round(tile.x + tile.width * 0.3); x < tile.x + tile.width * 0.8; x++) {
      const at = (y * image.width + x) * 4;
      for (let c = 0; c < 3; c++) sum[c] = (sum[c] ?? 0) + (image.data[at + c] ?? 0);
      n++;
    }
  }
  return [(sum[0] ?? 0) / n, (sum[1] ?? 0) / n, (sum[2] ?? 0) / n];
}

function near(actual: Colour, expected: Colour): boolean {
  return actual.every((v, i) => Math.abs(v - (expected[i] ?? 0)) < 40);
}

/** The colours of the reference tiles the emulator drew on an output, in request order. */
function tiles(image: { base64: string }, count: number): Colour[] {
  const rgba = decodeImage(Buffer.from(image.base64, 'base64'));
  return referenceTiles(rgba.width, rgba.height, count).map((tile) => tileColour(rgba, tile));
}

describe('reference images, through the real bundle', () => {
  let emulator: Emulator;
  let runtime: Runtime;
  const live = () => runtime.world.document as DeckState;
  const generateRequests = () => emulator.requests.filter((r) => r.path.includes(':generateContent'));
  /** The inline images of a recorded request's last user turn. */
  const inlineParts = (body: unknown): { mimeType: string; data: string }[] => {
    const contents = (
      body as { contents: { role: string; parts: { inlineData?: { mimeType: string; data: string } }[] }[] }
    ).contents;
    const last = [...contents].reverse().find((c) => c.role === 'user');
    return (last?.parts ?? []).flatMap((p) => (p.inlineData ? [p.inlineData] : []));
  };

  beforeAll(async () => {
    emulator = await startEmulator({ latencyMs: 0 });
    runtime = bundleRuntime(new World({ document: deck() }), emulator, { user: ADA });
    await call('saveApiKey', ['AIzaSyPeelReferenceKey0123456789abcdefgh'], ADA);
    await call('saveApiKey', ['AIzaSyPeelReferenceKey0123456789abcdefBE'], BEA);
  });

  afterAll(async () => {
    await runtime?.close();
    await emulator?.close();
  });

  const { result, call } = scriptRun(() => runtime, ADA);

  function select(pageId: string, elementIds: string[]): void {
    live().selection = { pageId, elementIds, text: null };
  }

  const generate = (prompt: string, references: unknown[], user = ADA, model = DEFAULT_MODEL_ID) =>
    result<ImageDelivered>(
      'generateImage',
      [{ prompt, model, aspectRatio: '16:9', imageSize: '1K', references }],
      user,
    );

  let redHandle: ReferenceHandle;
  let blueHandle: ReferenceHandle;
  let styleHandle: ReferenceHandle;

  it('two selected pictures are offered as references, and a blend of them shows each in its tile', async () => {
    select('p1', ['red', 'blue']);
    const target = await call<Target>('getTarget', []);
    expect(target.images?.map((i) => [i.ref, i.label, i.altTitle])).toEqual([
      ['s:red', 'Slide 1, picture 1', 'Red square'],
      ['s:blue', 'Slide 1, picture 2', 'Blue square'],
    ]);
    expect(target.label).toContain('2 pictures selected: use them as references');

    const listed = await call<{ ref: string; label: string }[]>('listDocumentImages', []);
    expect(listed.map((i) => i.label)).toEqual(['Slide 1, picture 1', 'Slide 1, picture 2']);

    const red = await call<TakenReference>('takeDocumentImage', ['s:red']);
    const blue = await call<TakenReference>('takeDocumentImage', ['s:blue']);
    redHandle = red.handle;
    blueHandle = blue.handle;
    expect(red.image.base64).toBe(solid(RED).base64);
    expect(redHandle).toMatchObject({ mimeType: 'image/png', pixelWidth: 64, pixelHeight: 48 });

    const prompt = composeBlendPrompt('Both on a beach', [{ role: 'subject' }, { role: 'style' }]);
    const blended = await generate(prompt, [
      { kind: 'handle', id: redHandle.id, role: 'subject' },
      { kind: 'handle', id: blueHandle.id, role: 'style' },
    ]);
    if (!blended.ok) throw new Error(blended.error.message);
    const image = blended.value as ImageDelivered;
    const [first, second] = tiles(image.image, 2);
    expect(near(first ?? [0, 0, 0], RED), `tile 1 is ${first}`).toBe(true);
    expect(near(second ?? [0, 0, 0], BLUE), `tile 2 is ${second}`).toBe(true);
    const sent = generateRequests().at(-1);
    expect(sent?.status).toBe(200);
    expect(inlineParts(sent?.body).map((p) => p.data)).toEqual([red.image.base64, blue.image.base64]);

    // The new image's thread records which references it used.
    select('p1', []);
    const inserted = await call<InsertResult>('insertImage', [{ imageId: image.image.id, mode: 'insert' }]);
    const stored = runtime.world.properties.document(live().id).getProperty(threadKey(inserted.threadId ?? ''));
    expect(JSON.parse(stored ?? '{}').turns[0].refs).toEqual(['subject', 'style']);
  });

  it('applies an uploaded style to a slide’s picture: the style goes after the picture being edited', async () => {
    const style = solid(GREEN, 40, 40);
    styleHandle = await call<ReferenceHandle>('uploadReference', [
      { mimeType: 'image/png', base64: style.base64, pixelWidth: 40, pixelHeight: 40 },
    ]);
    expect(styleHandle.bytes).toBe(Buffer.from(style.base64, 'base64').length);

    const instruction = composeStyleTransferPrompt({ position: 1 }, { position: 2 });
    const edited = await call<ImageDelivered>('editImage', [
      {
        ref: 's:red',
        instruction,
        model: DEFAULT_MODEL_ID,
        aspectRatio: null,
        imageSize: '1K',
        quick: null,
        references: [{ kind: 'handle', id: styleHandle.id, role: 'style' }],
      },
    ]);
    const sent = generateRequests().at(-1);
    expect(sent?.status).toBe(200);
    const parts = inlineParts(sent?.body);
    expect(parts.map((p) => p.data)).toEqual([solid(RED).base64, style.base64]);
    const [picture, applied] = tiles(edited.image, 2);
    expect(near(picture ?? [0, 0, 0], RED), `tile 1 is ${picture}`).toBe(true);
    expect(near(applied ?? [0, 0, 0], GREEN), `tile 2 is ${applied}`).toBe(true);

    const done = await call<ApplyDone>('applyEdit', [{ imageId: edited.image.id, keepAltDescription: true }]);
    const stored = runtime.world.properties.document(live().id).getProperty(threadKey(done.threadId));
    expect(JSON.parse(stored ?? '{}').turns.at(-1).refs).toEqual(['style']);
  });

  it('a named character used on two slides sends byte-identical references, and a collaborator sees the set', async () => {
    const pinned = await call<NamedReference[]>('pinReference', [
      { handleId: blueHandle.id, name: 'Mira', role: 'subject' },
    ]);
    expect(pinned).toEqual([expect.objectContaining({ name: 'Mira', source: 'document', pinnedBy: 'you' })]);
    const both = await call<NamedReference[]>('pinReference', [
      { handleId: styleHandle.id, name: 'Brand style', role: 'style' },
    ]);
    expect(both.map((n) => [n.name, n.source])).toEqual([
      ['Brand style', 'drive'],
      ['Mira', 'document'],
    ]);

    const parts: string[][] = [];
    for (const slide of ['p2', 'p3']) {
      select(slide, []);
      const made = await generate('Mira waves hello', [{ kind: 'named', name: 'mira' }]);
      expect(made.ok).toBe(true);
      parts.push(inlineParts(generateRequests().at(-1)?.body).map((p) => p.data));
      if (made.ok) {
        const image = made.value as ImageDelivered;
        await call('insertImage', [{ imageId: image.image.id, mode: 'insert' }]);
      }
    }
    expect(parts[0]).toHaveLength(1);
    expect(parts[1]).toEqual(parts[0]);
    expect(parts[0]?.[0]).toBe(solid(BLUE).base64);

    // Bea, another editor of the document: the same set; Mira from the document, the same bytes.
    const seen = await call<NamedReference[]>('getNamedReferences', [], BEA);
    expect(seen.map((n) => [n.name, n.pinnedBy])).toEqual([
      ['Brand style', 'collaborator'],
      ['Mira', 'collaborator'],
    ]);
    const hers = await generate('Mira on a bicycle', [{ kind: 'named', name: 'Mira' }], BEA);
    expect(hers.ok).toBe(true);
    expect(inlineParts(generateRequests().at(-1)?.body).map((p) => p.data)).toEqual(parts[0]);
    const taken = await call<TakenReference>('useNamedReference', ['Mira'], BEA);
    expect(taken.image.base64).toBe(solid(BLUE).base64);

    // Brand style is in Ada's Drive: Bea gets a sentence naming whose, and nothing is sent.
    const before = generateRequests().length;
    const refused = await generate('A poster', [{ kind: 'named', name: 'Brand style' }], BEA);
    expect(refused.ok ? '' : refused.error.code).toBe('REFERENCE_UNAVAILABLE');
    expect(refused.ok ? '' : refused.error.detail).toMatch(/Google Drive of the collaborator who pinned it/);
    expect(generateRequests()).toHaveLength(before);
    // Ada reads it from her own Drive.
    const mine = await generate('A poster', [{ kind: 'named', name: 'Brand style' }]);
    expect(mine.ok).toBe(true);

    const left = await call<NamedReference[]>('unpinReference', ['BRAND STYLE']);
    expect(left.map((n) => n.name)).toEqual(['Mira']);
  });

  it('refuses four references to a three-reference model before any request is sent', async () => {
    const before = emulator.requests.length;
    const refs = [redHandle, blueHandle, styleHandle, redHandle].map((h) => ({
      kind: 'handle',
      id: h.id,
      role: 'subject',
    }));
    const refused = await generate('Four at once', refs, ADA, 'gemini-2.5-flash-image');
    expect(refused.ok ? '' : refused.error.code).toBe('UNSUPPORTED_OPTION');
    expect(refused.ok ? '' : refused.error.detail).toMatch(/takes up to 3 reference images/);
    expect(emulator.requests).toHaveLength(before);
  });

  it('refuses a bad upload with a sentence, keeping nothing', async () => {
    const gif = await result<ReferenceHandle>('uploadReference', [
      { mimeType: 'image/gif', base64: 'R0lGODlhAQABAAAAACw=', pixelWidth: 1, pixelHeight: 1 },
    ]);
    expect(gif.ok ? '' : gif.error.detail).toBe(
      'Peel can use PNG, JPEG, WebP and HEIC images as references, not image/gif.',
    );
    const text = await result<ReferenceHandle>('uploadReference', [
      {
        mimeType: 'image/png',
        base64: Buffer.from('not an image at all').toString('base64'),
        pixelWidth: 1,
        pixelHeight: 1,
      },
    ]);
    expect(text.ok ? '' : text.error.code).toBe('REFERENCE_UNREADABLE');
    expect(text.ok ? '' : text.error.detail).toMatch(/^This file cannot be used as a reference: /);
    const expired = await generate('Gone', [{ kind: 'handle', id: 'abcdefghijklmnopqrst.1', role: 'subject' }]);
    expect(expired.ok ? '' : expired.error.code).toBe('REFERENCE_EXPIRED');
  });

  it('refuses every oversized picture by its header with a sentence naming its size, and keeps nothing', async () => {
    const kept = () => ({ cache: runtime.world.cache.snapshot(), drive: runtime.world.drive.list().length });
    const before = kept();
    const requestsBefore = emulator.requests.length;
    for (const { mimeType, bytes, width, height, figure } of bombs()) {
      const base64 = bytes.toString('base64');
      for (const [pixelWidth, pixelHeight] of [
        [width, height],
        [100, 100],
      ]) {
        const refused = await result<ReferenceHandle>('uploadReference', [
          { mimeType, base64, pixelWidth, pixelHeight },
        ]);
        expect(refused.ok, `${mimeType} ${figure} sent as ${pixelWidth}×${pixelHeight}`).toBe(false);
        if (refused.ok) continue;
        expect(refused.error).toMatchObject({
          code: 'REFERENCE_TOO_LARGE',
          message: 'This picture is larger than Peel takes as a reference.',
          detail: expect.stringContaining(`The picture is ${figure}`),
        });
        expect(refused.error.detail).toMatch(/; Peel takes pictures of at most 50 megapixels\.$/);
      }
    }
    // Nothing to pin, use or show: no cache entry, no Drive file, no request.
    expect(kept()).toEqual(before);
    expect(emulator.requests.length).toBe(requestsBefore);
  });

  it('gives a header that does not parse, or disagrees with the type or size sent, its own sentence', async () => {
    const before = runtime.world.cache.snapshot();
    const upload = (mimeType: string, bytes: Buffer, pixelWidth = 64, pixelHeight = 48) =>
      result<ReferenceHandle>('uploadReference', [
        { mimeType, base64: bytes.toString('base64'), pixelWidth, pixelHeight },
      ]);
    const cases: [() => ReturnType<typeof upload>, string][] = [
      [() => upload('image/png', jpegHeader(64, 48)), 'it is a JPEG image, not the image/png it was sent as.'],
      [() => upload('image/webp', heic(64, 48)), 'it is a HEIC image, not the image/webp it was sent as.'],
      [
        () => upload('image/heic', heic(64, 48, { before: 200_000 })),
        'its header does not say its size within its first 192 KB.',
      ],
      [() => upload('image/png', pngHeader(64, 48), 100, 100), 'it is 64×48 pixels, not the 100×100 it was sent as.'],
    ];
    for (const [send, why] of cases) {
      const refused = await send();
      expect(refused.ok ? null : refused.error).toMatchObject({
        code: 'REFERENCE_UNREADABLE',
        message: 'This file is not a picture Peel can read as a reference.',
        detail: `This file cannot be used as a reference: ${why}`,
      });
    }
    expect(runtime.world.cache.snapshot()).toEqual(before);
  });

  it('a named reference pinned in Drive before uploads were bounded goes neither to the tray nor to Gemini', async () => {
    await call('pinReference', [{ handleId: styleHandle.id, name: 'Old poster', role: 'style' }]);
    const file = runtime.world.drive.list().find((f) => f.name.includes('Old poster') && !f.trashed);
    if (!file) throw new Error('The pin made no Drive file');
    file.data = zeroPng(60_000, 60_000).toString('base64');
    runtime.world.cache.clear();
    const requests = generateRequests().length;
    const shown = await result<TakenReference>('useNamedReference', ['Old poster']);
    const sent = await generate('A poster', [{ kind: 'named', name: 'Old poster' }]);
    for (const refused of [shown, sent]) {
      expect(refused.ok ? null : refused.error).toMatchObject({
        code: 'REFERENCE_TOO_LARGE',
        detail:
          '“Old poster” is 60000×60000 pixels (3,600 megapixels); Peel takes pictures of at most 50 megapixels. ' +
          'Unpin it and pin a smaller picture under its name.',
      });
    }
    expect(generateRequests()).toHaveLength(requests);
    await call('unpinReference', ['Old poster']);
  });

  it('every request that reached the emulator was valid', () => {
    expect(generateRequests().length).toBeGreaterThanOrEqual(6);
    expect(generateRequests().every((r) => r.status === 200)).toBe(true);
  });
});

describe('reference images in Docs, through the real bundle', () => {
  let emulator: Emulator;
  let runtime: Runtime;

  function inline(id: string, colour: Colour, altTitle: string) {
    return { kind: 'image', id, image: solid(colour), width: 64, height: 48, altTitle, altDescription: '' } as const;
  }

  function doc(): DocumentState {
    return {
      kind: 'doc',
      id: 'doc-references',
      name: 'Doc',
      ...US_LETTER,
      body: [
        {
          id: 'b1',
          kind: 'paragraph',
          heading: 'NORMAL',
          children: [{ kind: 'text', text: 'Harbour ' }, inline('i1', RED, 'Harbour'), inline('i2', BLUE, '')],
          positionedImages: [],
        },
      ],
      header: [],
      footer: [],
      footnotes: [],
      selection: { cursor: { section: 'body', blockId: 'b1', offset: 0 }, range: null, imageId: null },
    };
  }

  beforeAll(async () => {
    emulator = await startEmulator({ latencyMs: 0 });
    runtime = bundleRuntime(new World({ document: doc() }), emulator, { user: ADA });
    const saved = await runtime.run('saveApiKey', ['AIzaSyPeelReferenceKey0123456789abcdefgh'], {
      trigger: 'script.run',
    });
    expect(saved.record.status).toBe('ok');
  });

  afterAll(async () => {
    await runtime?.close();
    await emulator?.close();
  });

  const { call } = scriptRun(() => runtime, ADA);

  it('lists every inline image, pins one by name (a named range keeps it), and sends its bytes', async () => {
    const listed = await call<{ ref: string; label: string; altTitle: string }[]>('listDocumentImages', []);
    expect(listed.map((i) => [i.label, i.altTitle])).toEqual([
      ['Image 1', 'Harbour'],
      ['Image 2', ''],
    ]);
    const taken = await call<TakenReference>('takeDocumentImage', [listed[0]?.ref]);
    expect(taken.image.base64).toBe(solid(RED).base64);
    const pinned = await call<NamedReference[]>('pinReference', [
      { handleId: taken.handle.id, name: 'Harbour', role: 'scene' },
    ]);
    expect(pinned.map((n) => [n.name, n.source])).toEqual([['Harbour', 'document']]);
    const ranges = (runtime.world.document as DocumentState).namedRanges ?? [];
    expect(ranges.map((r) => r.name)).toEqual([expect.stringMatching(/^peel\.img\./)]);
    // Listed again, the pinned image is the tracked one.
    const again = await call<{ ref: string }[]>('listDocumentImages', []);
    expect(again[0]?.ref).toMatch(/^d:d[a-z0-9]+$/);

    // Taken by name with an empty cache: read from the document.
    runtime.world.cache.clear();
    const made = await call<ImageDelivered>('generateImage', [
      {
        prompt: 'A harbour at night',
        model: DEFAULT_MODEL_ID,
        aspectRatio: '16:9',
        imageSize: '1K',
        references: [{ kind: 'named', name: 'harbour' }],
      },
    ]);
    expect(made.image.base64.length).toBeGreaterThan(0);
    const sent = emulator.requests.filter((r) => r.path.includes(':generateContent'));
    expect(sent.every((r) => r.status === 200)).toBe(true);
    expect(JSON.stringify(sent.at(-1)?.body)).toContain(solid(RED).base64);
  });

  it('an untracked image that moved between taking and pinning is kept in Drive, never another image pinned', async () => {
    const listed = await call<{ ref: string; label: string }[]>('listDocumentImages', []);
    const blue = listed[1];
    expect(blue?.ref).toMatch(/^d:new:/);
    const taken = await call<TakenReference>('takeDocumentImage', [blue?.ref]);
    expect(taken.image.base64).toBe(solid(BLUE).base64);
    // Someone adds a picture before it: another image now stands where the blue one was.
    const paragraph = sectionBlocks(runtime.world.document as DocumentState, 'body')[0];
    const blueImage = paragraph?.children.find((c) => c.kind === 'image' && c.id === 'i2');
    if (!paragraph || !blueImage) throw new Error('The test document changed');
    paragraph.children.splice(paragraph.children.indexOf(blueImage), 0, inline('i3', RED, 'Another'));
    const pinned = await call<NamedReference[]>('pinReference', [
      { handleId: taken.handle.id, name: 'Blue', role: 'style' },
    ]);
    expect(pinned.find((n) => n.name === 'Blue')?.source).toBe('drive');
    runtime.world.cache.clear();
    const back = await call<TakenReference>('useNamedReference', ['Blue']);
    expect(back.image.base64).toBe(solid(BLUE).base64);
  });
});
