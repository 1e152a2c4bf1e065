import { describe, expect, it } from 'vitest';
import { createController } from '../../sidebar/controller';
import { type Server, ServerError } from '../../sidebar/rpc';
import type { GenerateResult, OfferedModel, SettingsView, Target, Wire } from '../../src/shared/rpc';

const MODEL: OfferedModel = {
  id: 'm',
  displayName: 'M',
  known: true,
  lifecycle: 'current',
  thinkingLevels: [],
  aspectRatios: ['1:1', '16:9', '9:16', '4:3'],
  imageSizes: ['1K'],
  defaultImageSize: '1K',
  pricePerImageUsd: { '1K': 0.05 },
  maxReferenceImages: 3,
};
const SLIDE: Target = {
  host: 'slides',
  kind: 'slide',
  label: 'Slide 1',
  ratio: 16 / 9,
  canInsert: true,
  canReplace: false,
  canBackground: true,
};
const SETTINGS: SettingsView = {
  connection: { kind: 'gemini', key: { source: 'user', masked: 'AIza…abcd', organizationKey: false } },
  model: 'm',
  models: [],
};

const result = (...ids: string[]): GenerateResult => ({
  images: ids.map((id) => ({
    id,
    mimeType: 'image/png',
    base64: 'QUJD',
    pixelWidth: 1,
    pixelHeight: 1,
    costUsd: 0.05,
  })),
  text: 'Here you go.',
  warnings: [],
  failures: [],
  costUsd: 0.05 * ids.length,
  documentCostUsd: 0.5,
});

/** What google.script.run hands over: a JSON copy, with mutable arrays. */
const wire = <T>(value: T): Wire<T> => JSON.parse(JSON.stringify(value)) as Wire<T>;

/** A promise the test settles by hand: a server call still on its way. */
function deferred<T>() {
  let resolve: (value: T) => void = () => {};
  let reject: (error: unknown) => void = () => {};
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

type Calls = { name: string; args: unknown[] }[];

/** A server whose every call is recorded; functions not given reject as an unexpected call. */
function fakeServer(functions: Partial<Server>): { server: Server; calls: Calls } {
  const calls: Calls = [];
  const server = new Proxy({} as Server, {
    get:
      (_t, name: string) =>
      (...args: unknown[]) => {
        calls.push({ name, args });
        const fn = functions[name as keyof Server] as ((...a: unknown[]) => Promise<unknown>) | undefined;
        return fn ? fn(...args) : Promise.reject(new Error(`unexpected call ${name}`));
      },
  });
  return { server, calls };
}

const basics: Partial<Server> = {
  getSidebarContext: async () => ({ host: 'slides', version: '1', documentCostUsd: 0.25 }),
  getSettings: async () => wire(SETTINGS),
  getModels: async () => wire([MODEL]),
  getTarget: async () => wire(SLIDE),
  discardImages: async () => null,
};

async function started(functions: Partial<Server>) {
  const fake = fakeServer({ ...basics, ...functions });
  const controller = createController(fake.server, undefined, () => 1000);
  await controller.start();
  return { ...fake, controller, state: controller.store.get };
}

const named = (calls: Calls, name: string) => calls.filter((c) => c.name === name).map((c) => c.args);
const settle = () => new Promise((r) => setTimeout(r, 0));

describe('the sidebar controller', () => {
  it('starts on Settings when there is no key at all', async () => {
    const { state } = await started({
      getSettings: async () =>
        wire<SettingsView>({ ...SETTINGS, connection: { kind: 'gemini', key: { source: 'none' } } }),
    });
    expect(state().view).toBe('settings');
  });

  it('generates with the ratio of the selection read just before sending', async () => {
    let target = SLIDE;
    const { controller, calls, state } = await started({
      getTarget: async () => wire(target),
      generateImages: async () => wire(result('a')),
    });
    target = { ...SLIDE, kind: 'shape', ratio: 0.55 };
    controller.dispatch({ type: 'promptChanged', prompt: '  a cat  ' });
    await controller.generate();
    expect(named(calls, 'generateImages')).toEqual([
      [{ prompt: 'a cat', model: 'm', aspectRatio: '9:16', imageSize: '1K', variants: 1, documentCostUsd: 0.25 }],
    ]);
    expect(state().results?.images.map((i) => i.id)).toEqual(['a']);
  });

  it('asks for a prompt instead of sending an empty one', async () => {
    const { controller, calls, state } = await started({});
    await controller.generate();
    expect(state().error?.code).toBe('BAD_INPUT');
    expect(named(calls, 'generateImages')).toEqual([]);
  });

  it('discards a result that arrives after Cancel, and never shows it', async () => {
    const answer = deferred<Wire<GenerateResult>>();
    const { controller, calls, state } = await started({ generateImages: () => answer.promise });
    controller.dispatch({ type: 'promptChanged', prompt: 'a cat' });
    const generating = controller.generate();
    await settle();
    controller.cancel();
    answer.resolve(wire(result('late-1', 'late-2')));
    await generating;
    expect(state().results).toBeNull();
    expect(named(calls, 'discardImages')).toEqual([[['late-1', 'late-2']]]);
  });

  it('shows nothing of a failure that arrives after Cancel', async () => {
    const answer = deferred<never>();
    const { controller, state } = await started({ generateImages: () => answer.promise });
    controller.dispatch({ type: 'promptChanged', prompt: 'a cat' });
    const generating = controller.generate();
    await settle();
    controller.cancel();
    answer.reject(new ServerError({ code: 'DEADLINE', message: 'Too slow.', action: 'Retry.' }));
    await generating;
    expect(state().error).toBeNull();
    expect(state().generating).toBeNull();
  });

  it('frees the previous images when new ones replace them', async () => {
    let n = 0;
    const { controller, calls } = await started({ generateImages: async () => wire(result(`r${++n}`)) });
    controller.dispatch({ type: 'promptChanged', prompt: 'a cat' });
    await controller.generate();
    await controller.generate();
    expect(named(calls, 'discardImages')).toEqual([[['r1']]]);
  });

  it('inserts by id with the prompt the image was made from, not the edited one', async () => {
    const { controller, calls, state } = await started({
      generateImages: async () => wire(result('a', 'b')),
      insertImage: async () => ({ objectId: 'o', label: 'Slide 1', threadId: null }),
    });
    controller.dispatch({ type: 'promptChanged', prompt: 'a cat' });
    await controller.generate();
    controller.dispatch({ type: 'imageSelected', id: 'b' });
    controller.dispatch({ type: 'promptChanged', prompt: 'a dog' });
    await controller.insert('background');
    expect(named(calls, 'insertImage')).toEqual([
      [{ imageId: 'b', mode: 'background', prompt: 'a cat', modelText: 'Here you go.' }],
    ]);
    expect(state().notice).toBe('Inserted: Slide 1.');
  });

  it('shows a server error in the user’s words, never a raw exception', async () => {
    const { controller, state } = await started({
      generateImages: async () => {
        throw new TypeError('Cannot read properties of undefined (reading "x")\n    at foo (bar.js:1:2)');
      },
    });
    controller.dispatch({ type: 'promptChanged', prompt: 'a cat' });
    await controller.generate();
    expect(state().error).toEqual({
      code: 'INTERNAL',
      message: 'Something went wrong inside Peel.',
      action: 'Try again; if it keeps happening, reload the document.',
    });
  });

  it('puts the composed prompt in the box, with the notes only in Slides when asked', async () => {
    const { controller, calls, state } = await started({
      composeIllustratePrompt: async () => ({ prompt: 'Composed.', source: 'slide 1' }),
    });
    controller.dispatch({ type: 'notesToggled', includeNotes: true });
    await controller.illustrate();
    expect(named(calls, 'composeIllustratePrompt')).toEqual([[{ includeNotes: true }]]);
    expect(state()).toMatchObject({ prompt: 'Composed.', promptSource: 'slide 1', busy: null });
  });

  it('a Generate before the models have answered waits for them instead of failing', async () => {
    const models = deferred<Wire<OfferedModel[]>>();
    const fake = fakeServer({
      ...basics,
      getModels: () => models.promise,
      generateImages: async () => wire(result('a')),
    });
    const controller = createController(fake.server, undefined, () => 1000);
    const starting = controller.start();
    await settle();
    // The button is disabled behind "Loading models…"; Ctrl+Enter still reaches the controller.
    expect(controller.store.get().modelsPending).toBe(true);
    controller.dispatch({ type: 'promptChanged', prompt: 'a cat' });
    const generating = controller.generate();
    await settle();
    expect(named(fake.calls, 'generateImages')).toEqual([]);
    models.resolve(wire([MODEL]));
    await Promise.all([starting, generating]);
    // One getModels shared by the start and the early Generate.
    expect(named(fake.calls, 'getModels')).toHaveLength(1);
    expect(named(fake.calls, 'generateImages')).toHaveLength(1);
    expect(controller.store.get()).toMatchObject({ error: null, modelsPending: false });
  });

  it('after the model list failed, Generate asks for it once more before saying there is none', async () => {
    const { controller, calls, state } = await started({
      getModels: async () => {
        throw new ServerError({ code: 'NETWORK', message: 'Peel could not reach Gemini.', action: 'Retry.' });
      },
    });
    expect(state()).toMatchObject({ modelsPending: false, error: { code: 'NETWORK' } });
    controller.dispatch({ type: 'promptChanged', prompt: 'a cat' });
    await controller.generate();
    expect(named(calls, 'getModels')).toHaveLength(2);
    expect(named(calls, 'generateImages')).toEqual([]);
    expect(state().error?.code).toBe('NETWORK');
  });

  it('an expired preview is dropped and the user is told to generate again', async () => {
    const { controller, calls, state } = await started({
      generateImages: async () => wire(result('a', 'b')),
      insertImage: async () => {
        throw new ServerError({
          code: 'PREVIEW_EXPIRED',
          message: 'This preview has expired.',
          action: 'Generate the image again, then insert it.',
        });
      },
    });
    controller.dispatch({ type: 'promptChanged', prompt: 'a cat' });
    await controller.generate();
    await controller.insert('insert');
    expect(state()).toMatchObject({
      results: null,
      busy: null,
      prompt: 'a cat',
      error: { code: 'PREVIEW_EXPIRED', action: 'Generate the image again, then insert it.' },
    });
    // The server already lost them: no discard call for images it no longer has.
    expect(named(calls, 'discardImages')).toEqual([]);
  });

  it('shows the document’s cost from the start, and sends the total it last heard with each Generate', async () => {
    const { controller, calls, state } = await started({ generateImages: async () => wire(result('a')) });
    expect(state().documentCostUsd).toBe(0.25);
    controller.dispatch({ type: 'promptChanged', prompt: 'a cat' });
    await controller.generate();
    await controller.generate();
    // The context's total, then the first result's (0.5 in `result`).
    expect(named(calls, 'generateImages').map(([r]) => (r as { documentCostUsd?: number }).documentCostUsd)).toEqual([
      0.25, 0.5,
    ]);
  });

  it('a context without a cost (an older server) shows none and sends none', async () => {
    const { controller, calls, state } = await started({
      getSidebarContext: async () => ({ host: 'slides', version: '1' }) as never,
      generateImages: async () => wire(result('a')),
    });
    expect(state().documentCostUsd).toBeNull();
    controller.dispatch({ type: 'promptChanged', prompt: 'a cat' });
    await controller.generate();
    expect(named(calls, 'generateImages')[0]?.[0]).not.toHaveProperty('documentCostUsd');
  });

  it('saves a key, tests it at once, and reloads the models the key may use', async () => {
    const { controller, calls, state } = await started({
      saveApiKey: async () => wire(SETTINGS),
      testApiKey: async () => ({ models: [] }),
    });
    expect(await controller.saveKey('  AIzaKEY  ')).toBe(true);
    expect(named(calls, 'saveApiKey')).toEqual([['AIzaKEY']]);
    expect(named(calls, 'getModels')).toHaveLength(2);
    expect(state().notice).toBe('Key saved. Google accepted the key, but it offers no image models to it.');
  });
});
