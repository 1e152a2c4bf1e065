import { describe, expect, it, vi } from 'vitest';
import { createController } from '../../../sidebar/app/controller';
import { referencesActions } from '../../../sidebar/features/references/actions';
import { type Prepared, prepareFile } from '../../../sidebar/features/references/decode';
import {
  blendComposition,
  limitProblem,
  needsComposing,
  referenceUses,
} from '../../../sidebar/features/references/state';
import { type Server, ServerError } from '../../../sidebar/kernel/rpc';
import { learnEnglish } from '../../../sidebar/kernel/words';
import { EN_PARTS } from '../../../src/core/i18n/en-parts';
import { HEADER_BYTES } from '../../../src/core/image-info';
import type {
  DocumentImage,
  NamedReference,
  OfferedModel,
  ReferenceHandle,
  TakenReference,
  Target,
  ThreadView,
} from '../../../src/shared/rpc';
import { bombs, heic } from '../../support/image-headers';
import { basics, fakeServer, MODEL, named, SLIDE, settle, started, wire } from './fake-server';

// Files are read in the sidebar's late part, which brings its English with it (app/parts.ts).
learnEnglish(EN_PARTS);

const picture = (ref: string, label: string): DocumentImage => ({ ref, label, altTitle: '' });
const handle = (id: string, bytes = 1000): ReferenceHandle => ({
  id,
  mimeType: 'image/png',
  pixelWidth: 4,
  pixelHeight: 3,
  bytes,
});
const taken = (id: string): TakenReference => ({
  handle: handle(id),
  image: { mimeType: 'image/png', base64: 'QUJD', pixelWidth: 4, pixelHeight: 3 },
});
const twoSelected: Target = {
  ...SLIDE,
  label: 'Slide 1',
  images: [picture('s:a', 'Slide 1, picture 1'), picture('s:b', 'Slide 1, picture 2')],
};
const MIRA: NamedReference = { name: 'Mira', role: 'subject', source: 'document', pinnedBy: 'you', at: 1 };
const BIG: OfferedModel = { ...MODEL, id: 'big', displayName: 'Big', maxReferenceImages: 14 };

const takeByRef: Server['takeDocumentImage'] = async (ref) => wire(taken(`h-${ref}`));

async function withTwoSelected(functions: Partial<Server> = {}) {
  const opened = await started({
    getTarget: async () => wire(twoSelected),
    takeDocumentImage: takeByRef,
    generateImage: async () => wire({ kind: 'image' as const, ...delivered() }),
    ...functions,
  });
  await opened.controller.references.takeSelection();
  return opened;
}

function delivered() {
  return {
    image: { id: 'g1', mimeType: 'image/png', base64: 'QUJD', pixelWidth: 1, pixelHeight: 1, costUsd: 0.05 },
    altTitle: 'A harbour',
    text: '',
    warnings: [],
    documentCostUsd: 0.3,
  };
}

describe('filling the tray', () => {
  it('takes the selected pictures, in order, each once, labelled as the server labels them', async () => {
    const { calls, state } = await withTwoSelected();
    expect(named(calls, 'takeDocumentImage')).toEqual([['s:a'], ['s:b']]);
    const tray = state().references.tray;
    expect(tray.map((i) => [i.label, i.role, i.handle?.id])).toEqual([
      ['Slide 1, picture 1', 'subject', 'h-s:a'],
      ['Slide 1, picture 2', 'subject', 'h-s:b'],
    ]);
    expect(tray.every((i) => i.thumb?.base64 === 'QUJD')).toBe(true);
    expect(state().references.adding).toBe(0);
  });

  it('refuses more pictures than the model takes with a sentence, and takes none', async () => {
    const four: Target = { ...twoSelected, images: ['a', 'b', 'c', 'd'].map((x) => picture(`s:${x}`, x)) };
    const { controller, calls, state } = await started({ getTarget: async () => wire(four) });
    await controller.references.takeSelection();
    expect(named(calls, 'takeDocumentImage')).toEqual([]);
    expect(state().references.problem).toBe('M takes up to 3 reference images: there is room for 3 more, not 4.');
  });

  it('sends a scaled file once; a refused file gets its sentence and nothing is uploaded', async () => {
    const prepared: Prepared[] = [
      { ok: false, sentence: 'notes.png is not a PNG, JPEG, WebP or HEIC image.' },
      { ok: true, request: { mimeType: 'image/jpeg', base64: 'QUJD', pixelWidth: 1536, pixelHeight: 1152 } },
    ];
    const { controller, state } = await started({});
    const { server, calls } = fakeServer({ uploadReference: async () => wire(handle('u1')) });
    // The controller's own actions use the browser's decoder (tested in the browser); these use a fake one.
    const actions = referencesActions(
      { server, store: controller.store, now: () => 0, wait: async () => {} },
      { fail: () => undefined, refreshTarget: async () => {}, settled: async () => {} },
      async () => prepared.shift() as Prepared,
    );
    await actions.addFiles([new File(['x'], 'notes.png'), new File(['y'], 'style.jpg')]);
    expect(state().references.problem).toBe('notes.png is not a PNG, JPEG, WebP or HEIC image.');
    expect(state().references.tray.map((i) => [i.label, i.handle?.id])).toEqual([['style.jpg', 'u1']]);
    expect(named(calls, 'uploadReference')).toHaveLength(1);
    expect(named(calls, 'uploadReference')[0]?.[0]).toMatchObject({ mimeType: 'image/jpeg', pixelWidth: 1536 });
  });
});

describe('files refused by their header, before the browser decodes them', () => {
  const fileOf = (bytes: Buffer, name: string) => new File([new Uint8Array(bytes)], name);
  const LIMIT = 'Peel takes pictures of at most 50 megapixels.';
  const names = ['square.png', 'huge.jpg', 'wide.webp', 'iphone.heic', 'bomb.png'];
  const files = () => bombs().map((bomb, i) => fileOf(bomb.bytes, names[i] ?? ''));
  /** The browser's decoder, counted: Node has none, so each call fails as an undecodable file would. */
  function countDecodes(): Blob[] {
    const decoded: Blob[] = [];
    vi.stubGlobal('createImageBitmap', async (blob: Blob) => {
      decoded.push(blob);
      throw new Error('no decoder here');
    });
    return decoded;
  }

  it('refuses each oversized file with its size and the limit, and decodes none of them', async () => {
    const decoded = countDecodes();
    const sentences = [];
    for (const file of files()) sentences.push(await prepareFile(file));
    expect(sentences).toEqual(
      bombs().map((bomb, i) => ({ ok: false, sentence: `${names[i]} is ${bomb.figure}; ${LIMIT}` })),
    );
    expect(decoded).toEqual([]);
    // A file within the limit does reach the decoder: the header check comes before it, not instead of it.
    const small = fileOf(heic(4032, 3024), 'photo.heic');
    expect(await prepareFile(small)).toEqual({ ok: false, sentence: expect.stringMatching(/cannot open HEIC/) });
    expect(decoded).toEqual([small]);
  });

  it('a file whose header does not say its size is refused before decoding too', async () => {
    const decoded = countDecodes();
    const cut = heic(4032, 3024, { before: HEADER_BYTES });
    expect(await prepareFile(fileOf(cut, 'far.heic'))).toEqual({
      ok: false,
      sentence: expect.stringMatching(/^far\.heic does not say its size in its first 192 KB/),
    });
    expect(decoded).toEqual([]);
  });

  it('reads a file from the computer with the late part, fetched for it', async () => {
    const { controller, state, calls } = await started({ uploadReference: async () => wire(handle('u1')) });
    await controller.references.addFiles([new File(['not a picture'], 'notes.png')]);
    // The part's reader refused it from its header: the sentence is its own, and nothing went up.
    expect(state().references.problem).toBe('notes.png is not a PNG, JPEG, WebP or HEIC image.');
    expect(named(calls, 'uploadReference')).toEqual([]);
    expect(controller.parts.now()).not.toBeNull();
  });

  it('says why no file can be read when the late part cannot come, and keeps nothing', async () => {
    const down = new ServerError({
      code: 'INTERNAL',
      message: 'The call to Google failed.',
      action: 'Try again, or reload the document.',
    });
    const fake = fakeServer({ ...basics, uploadReference: async () => wire(handle('u1')) });
    const controller = createController(fake.server, { now: () => null, load: () => Promise.reject(down) });
    await controller.start();
    await controller.references.addFiles([new File(['x'], 'a.png'), new File(['y'], 'b.jpg')]);
    const { problem, tray, adding } = controller.store.get().references;
    // Said once for both files.
    expect(problem).toBe('The call to Google failed. Try again, or reload the document.');
    expect([tray, adding]).toEqual([[], 0]);
    expect(named(fake.calls, 'uploadReference')).toEqual([]);
  });

  it('puts nothing in the tray and uploads nothing, saying why for each file', async () => {
    countDecodes();
    const { controller, state } = await started({});
    const { server, calls } = fakeServer({ uploadReference: async () => wire(handle('u1')) });
    const actions = referencesActions(
      { server, store: controller.store, now: () => 0, wait: async () => {} },
      { fail: () => undefined, refreshTarget: async () => {}, settled: async () => {} },
      prepareFile,
    );
    await actions.addFiles(files().slice(3));
    expect(named(calls, 'uploadReference')).toEqual([]);
    expect(state().references.tray).toEqual([]);
    expect(state().references.adding).toBe(0);
    expect(state().references.problem).toMatch(
      /^iphone\.heic is 65536×32768 pixels .* bomb\.png is 60000×60000 pixels/,
    );
  });
});

describe('blend: the prompt is shown before it is sent', () => {
  it('the first press sends: the person’s words with the wording naming each image, the box left as typed', async () => {
    const { controller, calls, state } = await withTwoSelected();
    controller.references.chooseRole(state().references.tray[1]?.key ?? 0, 'style');
    controller.dispatch({ type: 'promptChanged', prompt: 'a cat on a sofa' });
    const shown = blendComposition(state().references, 'generate', state().compose.prompt);
    await controller.results.generate();
    const [sent] = named(calls, 'generateImage');
    expect(sent?.[0]).toMatchObject({
      prompt: shown.text,
      references: [
        { kind: 'handle', id: 'h-s:a', role: 'subject' },
        { kind: 'handle', id: 'h-s:b', role: 'style' },
      ],
    });
    expect(shown.text).toMatch(/^Image 1 is the subject; image 2 is the style\. a cat on a sofa\./);
    expect(state().compose.prompt).toBe('a cat on a sofa');
  });

  it('a wording the person edited under the prompt is sent as edited, while the tray and their words stay', async () => {
    const { controller, calls, state } = await withTwoSelected();
    controller.dispatch({ type: 'promptChanged', prompt: 'a cat on a sofa' });
    const shown = blendComposition(state().references, 'generate', state().compose.prompt);
    const edited = shown.text.replace('Combine them', 'Merge them');
    controller.dispatch({ type: 'referencesComposed', composed: { ...shown, text: edited } });
    await controller.results.generate();
    expect(named(calls, 'generateImage')[0]?.[0]).toMatchObject({ prompt: edited });
    // New words in the box: the wording follows them again.
    controller.dispatch({ type: 'promptChanged', prompt: 'a dog' });
    await controller.results.generate();
    expect(named(calls, 'generateImage')[1]?.[0]).toMatchObject({
      prompt: expect.stringMatching(/a dog\. Combine them/),
    });
  });

  it('after the server let the references go (REFERENCE_EXPIRED), adds them again once and the next press sends them', async () => {
    let refused = false;
    let uploads = 0;
    const { controller, calls, state } = await withTwoSelected({
      generateImage: async (request) => {
        if (!refused) {
          refused = true;
          throw new ServerError({
            code: 'REFERENCE_EXPIRED',
            message: 'A reference has expired.',
            action: 'Add it again.',
          });
        }
        return wire({ kind: 'image' as const, ...delivered(), request });
      },
      uploadReference: async () => wire(handle(`new-${++uploads}`)),
    });
    controller.dispatch({ type: 'promptChanged', prompt: 'a picnic' });
    await controller.results.generate();
    await settle();
    // Each tray picture went up again, as the bytes the tray holds; nothing was billed or sent meanwhile.
    expect(named(calls, 'uploadReference').map((a) => (a[0] as { base64: string }).base64)).toEqual(['QUJD', 'QUJD']);
    expect(state().references.tray.map((i) => i.handle?.id)).toEqual(['new-1', 'new-2']);
    expect(state().session.error).toBeNull();
    expect(state().session.notice).toMatch(/added your references again/);
    await controller.results.generate();
    expect(named(calls, 'generateImage')[1]?.[0]).toMatchObject({
      references: [
        { kind: 'handle', id: 'new-1' },
        { kind: 'handle', id: 'new-2' },
      ],
    });
    expect(uploads).toBe(2);
  });

  it('the wording follows the tray: one image fewer, one clause fewer, from the person’s words only', async () => {
    const { controller, calls, state } = await withTwoSelected();
    controller.dispatch({ type: 'promptChanged', prompt: 'a harbour' });
    await controller.results.generate();
    controller.references.remove(state().references.tray[0]?.key ?? 0);
    expect(needsComposing(state().references, 'generate', state().compose.prompt)).toBe(true);
    await controller.results.generate();
    const [first, second] = named(calls, 'generateImage').map((c) => (c[0] as { prompt: string }).prompt);
    expect(first).toMatch(/^Images 1 and 2 are the subjects\. a harbour\./);
    // The image names are not repeated: the words are written from "a harbour" again.
    expect(second?.match(/[Ii]mage 1/g)).toHaveLength(2);
    expect(second).toMatch(/^Image 1 is the subject\. a harbour\./);
    expect(state().compose.prompt).toBe('a harbour');
  });

  it('style transfer is one click: roles set and the style-transfer prompt in the box, sent as is', async () => {
    const { controller, calls, state } = await withTwoSelected();
    const [a, b] = state().references.tray;
    controller.references.styleTransfer('generate', b?.key ?? 0, a?.key ?? 0);
    expect(state().references.tray.map((i) => i.role)).toEqual(['style', 'subject']);
    expect(state().compose.prompt).toMatch(/^Redraw the content of image 2 in the style of image 1/);
    await controller.results.generate();
    expect(named(calls, 'generateImage')[0]?.[0]).toMatchObject({
      prompt: state().compose.prompt,
      references: [
        { kind: 'handle', id: 'h-s:a', role: 'style' },
        { kind: 'handle', id: 'h-s:b', role: 'subject' },
      ],
    });
  });

  it('states the limits before sending: over the model’s count, a sentence and nothing sent', async () => {
    const { controller, calls, state } = await withTwoSelected({ getModels: async () => wire([BIG, MODEL]) });
    controller.dispatch({ type: 'modelChosen', id: 'big' });
    await controller.references.takeDocumentImages(
      [picture('s:c', 'c'), picture('s:d', 'd')].map(({ ref, label }) => ({ ref, label })),
    );
    expect(state().references.tray).toHaveLength(4);
    controller.dispatch({ type: 'modelChosen', id: 'm' }, { type: 'promptChanged', prompt: 'x' });
    await controller.results.generate();
    expect(named(calls, 'generateImage')).toEqual([]);
    expect(state().session.error?.message).toBe('M takes up to 3 reference images; remove 1 of the 4.');
    expect(limitProblem(state().references.tray, { displayName: 'Big', maxReferenceImages: 14 })).toBeNull();
    expect(limitProblem([], { displayName: 'M', maxReferenceImages: 3 }, 8 * 1024 * 1024)).toMatch(/up to 7 MB/);
  });
});

describe('named references', () => {
  async function withMira(functions: Partial<Server> = {}) {
    return started({
      getNamedReferences: async () => wire([MIRA]),
      useNamedReference: async () => wire(taken('h-mira')),
      generateImage: async () => wire({ kind: 'image' as const, ...delivered() }),
      ...functions,
    });
  }

  it('typing @Mira attaches her once, her picture is asked for once per sidebar, and requests carry her name', async () => {
    const { controller, calls, state } = await withMira();
    expect(state().references.named.map((n) => n.name)).toEqual(['Mira']);
    controller.dispatch({ type: 'promptChanged', prompt: '@mira waving' });
    controller.dispatch({ type: 'promptChanged', prompt: '@mira waving at @Mira' });
    await settle();
    expect(state().references.tray.map((i) => [i.name, i.handle?.id])).toEqual([['Mira', 'h-mira']]);
    await controller.results.generate();
    expect(named(calls, 'generateImage')[0]?.[0]).toMatchObject({
      prompt:
        'Image 1 is the subject (Mira). mira waving at Mira. Keep the subject of image 1 recognisable in the new image.',
      references: [{ kind: 'named', name: 'Mira' }],
    });

    // Slide 2: a new prompt; removed and tapped again, her picture is not fetched again.
    controller.references.remove(state().references.tray[0]?.key ?? 0);
    controller.references.attachNamed('Mira');
    controller.dispatch({ type: 'promptChanged', prompt: 'Mira reading' });
    await settle();
    await controller.results.generate();
    expect(named(calls, 'useNamedReference')).toEqual([['Mira']]);
    expect(named(calls, 'generateImage').map((c) => (c[0] as { references: unknown }).references)).toEqual([
      [{ kind: 'named', name: 'Mira' }],
      [{ kind: 'named', name: 'Mira' }],
    ]);
  });

  it('pins a tray picture under a name and role, and unpinning keeps the picture in the tray', async () => {
    const { controller, calls, state } = await withTwoSelected({
      pinReference: async ({ name, role }) => wire([{ ...MIRA, name, role }]),
      unpinReference: async () => [],
      getNamedReferences: async () => [],
    });
    const first = state().references.tray[0];
    expect(await controller.references.pin(first?.key ?? 0, ' Mira ', 'subject')).toBe(true);
    expect(named(calls, 'pinReference')).toEqual([[{ handleId: 'h-s:a', name: 'Mira', role: 'subject' }]]);
    expect(referenceUses(state().references.tray)[0]).toEqual({ kind: 'named', name: 'Mira' });
    expect(state().session.notice).toMatch(/Type @Mira in a prompt/);
    await controller.references.unpin('Mira');
    expect(state().references.named).toEqual([]);
    expect(referenceUses(state().references.tray)[0]).toEqual({ kind: 'handle', id: 'h-s:a', role: 'subject' });
  });

  it('leaves the chips out quietly when the named set cannot be read', async () => {
    const { state } = await started({ getNamedReferences: async () => Promise.reject(new Error('nope')) });
    expect(state().references.named).toEqual([]);
    expect(state().session.error).toBeNull();
  });
});

describe('a style onto the selected picture (an edit)', () => {
  const IMAGE: Target = { ...SLIDE, kind: 'image', label: 'Selected image', image: { ref: 's:img1', threadId: 't1' } };
  const view: ThreadView = {
    threadId: 't1',
    ref: 's:img1',
    currentVersionId: null,
    label: 'The selected image on slide 1',
    current: { mimeType: 'image/png', base64: 'QUJD', pixelWidth: 4, pixelHeight: 3 },
    turns: [],
    summary: null,
    versions: [],
    altTitle: 'Mountains',
    altDescription: '',
    altByPerson: false,
  };

  it('writes the instruction naming the picture as image 1 and the style as image 2, then edits with it', async () => {
    const { controller, calls, state } = await started({
      getTarget: async () => wire(IMAGE),
      getThread: async () => wire(view),
      takeDocumentImage: takeByRef,
      editImage: async () => wire({ kind: 'image' as const, ...delivered() }),
    });
    await settle();
    await controller.references.takeDocumentImages([{ ref: 's:style', label: 'Style picture' }]);
    const style = state().references.tray[0];
    controller.references.styleTransfer('edit', null, style?.key ?? 0);
    expect(state().thread.instruction).toMatch(/^Redraw the content of image 1 in the style of image 2/);
    await controller.thread.edit();
    expect(named(calls, 'editImage')[0]?.[0]).toMatchObject({
      ref: 's:img1',
      instruction: state().thread.instruction,
      references: [{ kind: 'handle', id: 'h-s:style', role: 'style' }],
    });
  });

  it('the selected picture taken as a reference is named as its thread names it, not where an image would go', async () => {
    const { controller, state } = await started({
      getTarget: async () => wire(IMAGE),
      getThread: async () => wire(view),
      takeDocumentImage: takeByRef,
    });
    await settle();
    await controller.references.takeSelection();
    expect(state().references.tray.map((i) => i.label)).toEqual(['The selected image on slide 1']);
  });
});
