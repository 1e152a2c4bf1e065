/** The sidebar telling the truth: Insert acts on the selection as it is now, no duplicate inserts, no billing for nothing. */
import { describe, expect, it } from 'vitest';
import { createController } from '../../../sidebar/app/controller';
import { loadingModels } from '../../../sidebar/features/compose/state';
import { choosePlace } from '../../../sidebar/features/insert/Choices';
import { choices } from '../../../sidebar/kernel/model-choice';
import { ServerError } from '../../../sidebar/kernel/rpc';
import type { Target } from '../../../src/shared/rpc';
import { basics, delivered, fakeServer, MODEL, named, SLIDE, settle, sourceParts, started, wire } from './fake-server';

/** Two variants are two calls: the first answers image a, the second image b. */
function twoVariants() {
  let n = 0;
  return async () => wire(delivered(n++ === 0 ? 'a' : 'b'));
}

const PICTURE: Target = { ...SLIDE, kind: 'image', label: 'The selected picture', canReplace: true };
const HEADER: Target = {
  host: 'docs',
  kind: 'none',
  label: 'Not in the body',
  ratio: 4 / 3,
  canInsert: false,
  canReplace: false,
  canBackground: false,
  problem: 'Peel can’t put an image in a header or footer. Click in the body of the document.',
};

describe('inserting what the editor has selected now', () => {
  it('Replace is one call, on the selection as the server reads it then: the first click after selecting a picture replaces it', async () => {
    let selected: Target = SLIDE;
    const { controller, calls, state } = await started({
      getTarget: async () => wire(selected),
      generateImage: async () => wire(delivered('a')),
      insertImage: async () => ({
        objectId: 'o',
        label: 'Replaced the selected picture',
        threadId: null,
        thread: null,
      }),
    });
    controller.dispatch({ type: 'promptChanged', prompt: 'a cat' });
    await controller.results.generate();
    // The person clicks a picture in the editor; the sidebar has not looked since.
    selected = PICTURE;
    expect(state().session.target?.canReplace).toBe(false);
    const reads = named(calls, 'getTarget').length;
    await controller.results.insert('replace');
    // Only the id and the person's choice travel: what the image was made from waits on the server.
    expect(named(calls, 'insertImage')).toEqual([[{ imageId: 'a', mode: 'replace' }]]);
    expect(named(calls, 'getTarget')).toHaveLength(reads);
    expect(state().session.notice).toBe('Inserted: Replaced the selected picture.');
  });

  it('a new picture goes to the place the sidebar shows as Insert is pressed: a reading under way is awaited, its id sent', async () => {
    let selected: Target = { ...SLIDE, placeId: 'shown-1' };
    let gate: Promise<void> | null = null;
    const { controller, calls } = await started({
      getTarget: async () => {
        const now = selected;
        if (gate) await gate;
        return wire(now);
      },
      generateImage: async () => wire(delivered('a')),
      insertImage: async () => ({ objectId: 'o', label: 'Slide 2', threadId: null, thread: null }),
    });
    controller.dispatch({ type: 'promptChanged', prompt: 'a cat' });
    await controller.results.generate();
    // The person went to slide 2 in the editor; the pointer comes back and the sidebar reads it as Insert is pressed.
    selected = { ...SLIDE, label: 'Slide 2', placeId: 'shown-2' };
    let open = () => {};
    gate = new Promise<void>((resolve) => {
      open = resolve;
    });
    void controller.session.refreshTarget({ quiet: true });
    const inserting = controller.results.insert('insert');
    await settle();
    expect(named(calls, 'insertImage')).toEqual([]);
    open();
    await inserting;
    expect(named(calls, 'insertImage')).toEqual([[{ imageId: 'a', mode: 'insert', placeId: 'shown-2' }]]);
    // Replace and background act on the selection as the server reads it: no place travels with them.
    gate = null;
    await controller.results.insert('replace');
    expect(named(calls, 'insertImage').at(-1)).toEqual([{ imageId: 'a', mode: 'replace' }]);
  });

  it('the person left for the editor and the way back went unnoticed: Insert names no place, the server reads the selection', async () => {
    let gate: Promise<void> | null = null;
    const { controller, calls, state } = await started({
      getTarget: async () => {
        if (gate) await gate;
        return wire({ ...SLIDE, placeId: 'shown-1' });
      },
      generateImage: async () => wire(delivered('a')),
      insertImage: async () => ({ objectId: 'o', label: 'Slide 2', threadId: null, thread: null }),
    });
    await controller.session.refreshTarget();
    expect(state().session.target?.placeId).toBe('shown-1');
    controller.dispatch({ type: 'promptChanged', prompt: 'a cat' });
    await controller.results.generate();
    controller.session.leftSidebar();
    expect(state().session.target?.placeId).toBeUndefined();
    await controller.results.insert('insert');
    expect(named(calls, 'insertImage').at(-1)).toEqual([{ imageId: 'a', mode: 'insert' }]);

    // A reading that began before the person left names no place either: the selection may have changed since.
    let open = () => {};
    gate = new Promise<void>((resolve) => {
      open = resolve;
    });
    const reading = controller.session.refreshTarget();
    controller.session.leftSidebar();
    open();
    await reading;
    expect(state().session.target).toMatchObject({ label: SLIDE.label });
    expect(state().session.target?.placeId).toBeUndefined();
  });

  it('says what to select when nothing replaceable is selected, in the server’s words, and keeps the images', async () => {
    const { controller, state } = await started({
      generateImage: async () => wire(delivered('a')),
      insertImage: async () => {
        throw new ServerError({
          code: 'UNSUPPORTED_SELECTION',
          message: 'An image can’t go where the selection is.',
          action: 'Select the one shape, placeholder or picture to replace, then insert again.',
        });
      },
    });
    controller.dispatch({ type: 'promptChanged', prompt: 'a cat' });
    await controller.results.generate();
    await controller.results.insert('replace');
    expect(state().session).toMatchObject({ busy: null, error: { code: 'UNSUPPORTED_SELECTION' } });
    expect(state().results.shown?.images).toHaveLength(1);
  });

  it('an inserted image’s thread comes with Insert’s answer: no further call reads it', async () => {
    const { controller, calls, state } = await started({
      generateImage: async () => wire(delivered('a')),
      insertImage: async () => ({
        objectId: 'o',
        label: 'Slide 1',
        threadId: 't9',
        thread: {
          threadId: 't9',
          ref: 's:o',
          label: 'Slide 1',
          currentVersionId: 'v1',
          turns: [],
          summary: null,
          versions: [],
          altTitle: 'A cat',
          altDescription: '',
          altByPerson: false,
        },
      }),
    });
    controller.dispatch({ type: 'promptChanged', prompt: 'a cat' });
    await controller.results.generate();
    const reads = named(calls, 'getThread').length + named(calls, 'getTarget').length;
    await controller.results.insert('insert');
    await settle();
    expect(named(calls, 'getThread').length + named(calls, 'getTarget').length).toBe(reads);
    expect(state().thread.view).toMatchObject({ threadId: 't9', currentVersionId: 'v1' });
    expect(state().thread.view?.current.base64).toBe(state().results.shown?.images[0]?.base64);
    expect(state().thread.recent).toBe(true);
  });
});

describe('no duplicates by accident', () => {
  it('a second Insert of the same image does nothing until the person chooses to insert it again', async () => {
    const { controller, calls, state } = await started({
      generateImage: twoVariants(),
      insertImage: async () => ({ objectId: 'o', label: 'Slide 1', threadId: null, thread: null }),
    });
    controller.dispatch({ type: 'promptChanged', prompt: 'a cat' });
    controller.dispatch({ type: 'variantsChosen', variants: 2 });
    await controller.results.generate();
    await Promise.all([controller.results.insert('insert'), controller.results.insert('insert')]);
    await controller.results.insert('insert');
    expect(named(calls, 'insertImage')).toHaveLength(1);
    expect(state().insert.inserted).toEqual(['a']);
    // Another variant is not the same image.
    controller.dispatch({ type: 'imageSelected', id: 'b' });
    await controller.results.insert('insert');
    expect(named(calls, 'insertImage')).toHaveLength(2);
    controller.dispatch({ type: 'imageSelected', id: 'a' });
    controller.insert.again('a');
    await controller.results.insert('insert');
    expect(named(calls, 'insertImage').map(([r]) => (r as { imageId: string }).imageId)).toEqual(['a', 'b', 'a']);
  });

  it('a failed insert can be tried again at once', async () => {
    let fail = true;
    const { controller, calls } = await started({
      generateImage: async () => wire(delivered('a')),
      insertImage: async () => {
        if (fail) throw new ServerError({ code: 'BUSY', message: 'Busy.', action: 'Retry.' });
        return { objectId: 'o', label: 'Slide 1', threadId: null, thread: null };
      },
    });
    controller.dispatch({ type: 'promptChanged', prompt: 'a cat' });
    await controller.results.generate();
    await controller.results.insert('insert');
    fail = false;
    await controller.results.insert('insert');
    expect(named(calls, 'insertImage')).toHaveLength(2);
  });
});

describe('where an image cannot go', () => {
  it('Generate says where it can go instead and sends nothing to Gemini', async () => {
    const { controller, calls, state } = await started({ getTarget: async () => wire(HEADER) });
    controller.dispatch({ type: 'promptChanged', prompt: 'a cat' });
    await controller.results.generate();
    expect(named(calls, 'generateImages')).toEqual([]);
    expect(state().results.generating).toBeNull();
    expect(state().session.error).toMatchObject({
      code: 'UNSUPPORTED_SELECTION',
      message: expect.stringMatching(/did not generate one \(nothing was billed\)/),
      action: HEADER.problem,
    });
  });

  it('a slide without room: the person’s choice of a new slide or on top travels with Insert', async () => {
    const crowded: Target = {
      ...SLIDE,
      noRoom: { message: 'No room.', choices: ['new-slide', 'background', 'on-top'] },
    };
    const { controller, calls } = await started({
      getTarget: async () => wire(crowded),
      generateImage: twoVariants(),
      insertImage: async () => ({ objectId: 'o', label: 'On top', threadId: null, thread: null }),
    });
    controller.dispatch({ type: 'promptChanged', prompt: 'a cat' });
    controller.dispatch({ type: 'variantsChosen', variants: 2 });
    await controller.results.generate();
    await controller.results.insert('insert', 'on-top');
    controller.dispatch({ type: 'imageSelected', id: 'b' });
    await controller.results.insert('insert', 'new-slide');
    expect(named(calls, 'insertImage').map(([r]) => (r as { where?: string }).where)).toEqual(['on-top', 'new-slide']);
  });
});

describe('a small free space: where the picture goes is the person’s choice', () => {
  const SMALL: Target = {
    ...SLIDE,
    label: 'A new slide after this one (the free space here is small)',
    ratio: 16 / 9,
    offers: {
      message: 'The free space on this slide would hold only a small picture.',
      choices: [
        { where: 'beside', label: 'Free space at the bottom of the slide, smaller (21:9)', ratio: 21 / 9 },
        { where: 'new-slide', label: 'A new slide after this one, large', ratio: 16 / 9 },
        { where: 'behind', label: 'The slide’s background, behind its text', ratio: 16 / 9 },
      ],
    },
  };

  it('unasked: Generate and Insert send no choice, and the server puts it on a new slide', async () => {
    const { controller, calls } = await started({
      getTarget: async () => wire(SMALL),
      generateImage: async () => wire(delivered('a')),
      insertImage: async () => ({ objectId: 'o', label: 'A new slide after this one', threadId: null, thread: null }),
    });
    controller.dispatch({ type: 'promptChanged', prompt: 'A mountain landscape at noon' });
    await controller.results.generate();
    await controller.results.insert('insert');
    expect(named(calls, 'generateImage')[0]?.[0]).toMatchObject({ where: null });
    expect(named(calls, 'insertImage')).toEqual([[{ imageId: 'a', mode: 'insert' }]]);
  });

  it('chosen: "Goes to" and the ratio follow it, a new reading of the selection keeps it, and both calls send it', async () => {
    const { controller, calls, state } = await started({
      getTarget: async () => wire(SMALL),
      generateImage: async () => wire(delivered('a')),
      insertImage: async () => ({ objectId: 'o', label: 'Free space at the bottom', threadId: null, thread: null }),
    });
    choosePlace(controller.store, SMALL, 'beside');
    expect(state().session.target).toMatchObject({ chosen: 'beside', label: SMALL.offers?.choices[0]?.label });
    // The ratio the picker marks as fitting is the chosen space's (the test model's nearest to it).
    expect(state().session.target?.ratio).toBeCloseTo(21 / 9);
    // The pointer comes back to the sidebar: the server answers the default again, and the choice holds.
    await controller.session.refreshTarget();
    expect(state().session.target?.chosen).toBe('beside');
    controller.dispatch({ type: 'promptChanged', prompt: 'A mountain landscape at noon' });
    await controller.results.generate();
    await controller.results.insert('insert');
    expect(named(calls, 'generateImage')[0]?.[0]).toMatchObject({ where: 'beside' });
    expect(named(calls, 'insertImage')).toEqual([[{ imageId: 'a', mode: 'insert', where: 'beside' }]]);
    // Another slide with room enough: the choice ends there.
    controller.dispatch({ type: 'targetLoaded', target: SLIDE });
    controller.dispatch({ type: 'targetLoaded', target: SMALL });
    expect(state().session.target?.chosen).toBeUndefined();
  });
});

describe('opening fast and Docs widths', () => {
  it('Generate is ready with the menu the context brought, before getModels answers', async () => {
    const { server } = fakeServer({
      ...basics,
      getSidebarContext: async () => ({
        host: 'docs',
        version: '1',
        documentCostUsd: 0,
        models: wire([MODEL]),
        docsWidth: 'small',
      }),
      // The background refresh has not answered yet.
      getModels: () => new Promise(() => {}),
    });
    const controller = createController(server, sourceParts());
    void controller.start();
    await settle();
    const state = controller.store.get();
    expect(loadingModels(state.compose)).toBe(false);
    expect(choices(state).model?.id).toBe('m');
    expect(state.insert.docsWidth).toBe('small');
  });

  it('a Docs width chosen is shown at once, kept by the server, and sent with Insert', async () => {
    const { controller, calls, state } = await started({
      getSidebarContext: async () => ({ host: 'docs', version: '1', documentCostUsd: 0 }),
      getTarget: async () =>
        wire({ ...SLIDE, host: 'docs', kind: 'cursor', label: 'At the cursor', canBackground: false }),
      saveDocsWidth: async (width) => width,
      generateImage: async () => wire(delivered('a')),
      insertImage: async () => ({ objectId: null, label: 'At the cursor', threadId: null, thread: null }),
    });
    expect(state().insert.docsWidth).toBe('full');
    await controller.insert.chooseDocsWidth('half');
    expect(named(calls, 'saveDocsWidth')).toEqual([['half']]);
    controller.dispatch({ type: 'promptChanged', prompt: 'a cat' });
    await controller.results.generate();
    await controller.results.insert('insert');
    expect(named(calls, 'insertImage')[0]?.[0]).toMatchObject({ docsWidth: 'half' });
  });
});

describe('Illustrate keeps what the person typed', () => {
  it('appends the composed prompt after typed words, and Undo brings back exactly what was typed', async () => {
    const { controller, state } = await started({
      composeIllustratePrompt: async () => ({ prompt: 'A chart of growth.', source: 'The slide’s title' }),
    });
    controller.dispatch({ type: 'promptChanged', prompt: 'Watercolour, warm light ' });
    await controller.compose.illustrate();
    expect(state().compose.prompt).toBe('Watercolour, warm light\n\nA chart of growth.');
    expect(state().session.notice).toMatch(/^Your text is kept/);
    controller.compose.undoIllustrate();
    expect(state().compose.prompt).toBe('Watercolour, warm light ');
    // An untouched composed prompt is not the person's text: Illustrate again replaces it.
    await controller.compose.illustrate();
    await controller.compose.illustrate();
    expect(state().compose.prompt).toBe('Watercolour, warm light\n\nA chart of growth.');
  });
});
