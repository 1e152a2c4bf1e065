/**
 * Which slides an illustrate plan ticks: a slide with no picture, and a slide whose picture placeholder is still
 * empty even though it shows a picture elsewhere (a logo), since Insert on that slide would fill the placeholder.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DeckState, ImageElement } from '../../dev/runtime/model';
import { illustrationPng, shape } from '../../dev/runtime/seed';
import { DEFAULT_MODEL_ID } from '../../src/core/gemini/catalog';
import type { JobPlan } from '../../src/shared/rpc';
import { type Bundle, scriptRun, startBundle } from './harness';

const ADA = 'ada@example.com';

function logo(objectId: string): ImageElement {
  return {
    kind: 'image',
    objectId,
    left: 620,
    top: 340,
    width: 80,
    height: 50,
    title: 'Logo',
    description: '',
    placeholder: 'NONE',
    image: {
      mimeType: 'image/png',
      base64: Buffer.from(illustrationPng(80, 50)).toString('base64'),
      pixelWidth: 80,
      pixelHeight: 50,
    },
  };
}

function deck(): DeckState {
  const text = (n: number) => [
    shape(`t${n}`, 'TITLE', [36, 22, 648, 58], `Topic ${n}`),
    shape(`b${n}`, 'BODY', [36, 92, 300, 240], `What topic ${n} means`),
  ];
  return {
    kind: 'deck',
    id: 'job-plan',
    name: 'Plan deck',
    pageWidth: 720,
    pageHeight: 405,
    slides: [
      { objectId: 'p1', layout: 'TITLE_AND_BODY', speakerNotes: '', elements: text(1) },
      {
        objectId: 'p2',
        layout: 'PICTURE_WITH_CAPTION',
        speakerNotes: '',
        elements: [...text(2), shape('ph2', 'PICTURE', [360, 92, 320, 240], ''), logo('logo2')],
      },
      { objectId: 'p3', layout: 'TITLE_AND_BODY', speakerNotes: '', elements: [...text(3), logo('logo3')] },
    ],
    selection: { pageId: 'p1', elementIds: [], text: null },
  };
}

let bundle: Bundle;
const { call } = scriptRun(() => bundle.runtime, ADA);

beforeAll(async () => {
  bundle = await startBundle(deck(), { user: ADA });
  await call('saveApiKey', ['AIzaSyPeelJobPlanKey0123456789abcdefghi']);
});

afterAll(async () => {
  await bundle?.close();
});

it('ticks a slide whose picture placeholder is empty, though it has a logo; not one whose only room is free space', async () => {
  const plan = await call<JobPlan>('planDeckJob', [{ kind: 'illustrate', model: DEFAULT_MODEL_ID, imageSize: '1K' }]);
  expect(plan.items.map((i) => [i.key, i.chosen])).toEqual([
    ['p1', true],
    ['p2', true],
    ['p3', false],
  ]);
});
