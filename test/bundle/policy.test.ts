/**
 * An organization's policy in script properties, enforced by the real bundle in the local runtime: each rule
 * refuses with a sentence before anything is sent (the emulator sees no request, nothing is billed), shows in the
 * sidebar before a person tries, and lets through what it allows.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../../dev/emulator/index';
import { geminiRewrites, Runtime, World } from '../../dev/runtime/index';
import { demoDeck } from '../../dev/runtime/seed';
import { DEFAULT_MODEL_ID, modelSpec } from '../../src/core/gemini/catalog';
import { POLICY_PROPERTIES as P } from '../../src/core/policy';
import { ALT_LEAD } from '../../src/core/prompts';
import { COST_ENTRY_PREFIX, MONTH_COST_PROPERTY } from '../../src/server/spine/costs';
import { POLICY_CACHE_SECONDS } from '../../src/server/spine/settings';
import type {
  ImageCallOutcome,
  InsertResult,
  OfferedModel,
  Result,
  SettingsView,
  SidebarContext,
} from '../../src/shared/rpc';

const DIST = path.resolve(import.meta.dirname, '../../dist');
const KEY = 'AIzaSyPolicyKey0123456789abcdefghijklmn';
const ORG_KEY = 'AQ.OrgPolicyKey7Qk-Kd3mWf7sYc1hJe5gBn0uVr4aXo_zZ9';
const USER = 'ada@example.com';
const REQUEST = { prompt: 'A lighthouse at dawn', model: DEFAULT_MODEL_ID, aspectRatio: '16:9', imageSize: '1K' };
const PRICE = modelSpec(DEFAULT_MODEL_ID).pricePerImageUsd['1K'] ?? Number.NaN;

let emulator: Emulator;

beforeAll(async () => {
  emulator = await startEmulator({ latencyMs: 0 });
});

afterAll(async () => {
  await emulator?.close();
});

/** A fresh deck, user and script store per case: the policy as the administrator wrote it. */
async function organization(script: Record<string, string>, ownKey = true, now?: () => number) {
  const world = new World({ document: demoDeck(), properties: { script }, ...(now ? { now } : {}) });
  const runtime = new Runtime({ distDir: DIST, world, urlRewrites: geminiRewrites(emulator.url) });
  const call = async <T>(name: string, ...args: unknown[]) =>
    (await runtime.run(name, args, { trigger: 'script.run', user: USER })).value as Result<T>;
  if (ownKey) expect(await call('saveApiKey', KEY)).toMatchObject({ ok: true });
  const documentId = world.document?.id ?? '';
  const costs = () =>
    Object.keys(world.properties.document(documentId).snapshot()).filter((k) => k.startsWith(COST_ENTRY_PREFIX));
  return { world, runtime, call, costs, documentId };
}

/** Refused with the POLICY code and a sentence, and nothing sent to Gemini or billed. */
async function expectRefused(made: Promise<Result<unknown>>, sentence: RegExp, costs: () => string[]) {
  const before = emulator.requests.length;
  const result = await made;
  expect(result).toMatchObject({ ok: false, error: { code: 'POLICY' } });
  if (result.ok) return;
  expect(`${result.error.message} ${result.error.detail ?? ''}`).toMatch(sentence);
  expect(emulator.requests.length).toBe(before);
  expect(costs()).toEqual([]);
}

describe('models and sizes', () => {
  it('refuses a model the organization does not name, and offers only the ones it does', async () => {
    const org = await organization({ [P.models]: 'gemini-3-pro-image' });
    try {
      await expectRefused(org.call('generateImage', REQUEST), /does not allow/, org.costs);
      const menu = await org.call<OfferedModel[]>('getModels');
      expect(menu.ok && menu.value.map((m) => m.id)).toEqual(['gemini-3-pro-image']);
      const allowed = await org.call<ImageCallOutcome>('generateImage', {
        ...REQUEST,
        model: 'gemini-3-pro-image',
      });
      expect(allowed).toMatchObject({ ok: true, value: { kind: 'image' } });
    } finally {
      await org.runtime.close();
    }
  });

  it('refuses a size over the largest allowed, and says the limit before a person tries', async () => {
    const org = await organization({ [P.maxSize]: '1K' });
    try {
      await expectRefused(org.call('generateImage', { ...REQUEST, imageSize: '2K' }), /up to 1K/, org.costs);
      const settings = await org.call<SettingsView>('getSettings');
      expect(settings.ok && settings.value.policy).toContain('Your organization allows pictures up to 1K.');
      expect(settings.ok && settings.value.models.every((m) => !m.imageSizes.includes('2K'))).toBe(true);
      // The sidebar opens with the same sentence, from the user's cache: no read of the script store.
      const context = await org.call<SidebarContext>('getSidebarContext');
      expect(context.ok && context.value.policy).toContain('Your organization allows pictures up to 1K.');
      expect(await org.call('generateImage', REQUEST)).toMatchObject({ ok: true, value: { kind: 'image' } });
    } finally {
      await org.runtime.close();
    }
  });

  it('a rule written unreadably refuses with a sentence naming it, instead of being no limit', async () => {
    const org = await organization({ [P.maxSize]: 'huge' });
    try {
      await expectRefused(org.call('generateImage', REQUEST), /PEEL_POLICY_MAX_SIZE/, org.costs);
    } finally {
      await org.runtime.close();
    }
  });
});

describe('monthly budgets', () => {
  it('per person: the image that would pass it is refused; spending is counted from billed images', async () => {
    // Room for two images at the default model's 1K price, not three.
    const org = await organization({ [P.personMonthlyUsd]: String(PRICE * 2.5) });
    try {
      for (const _ of [1, 2]) {
        expect(await org.call('generateImage', REQUEST)).toMatchObject({ ok: true, value: { kind: 'image' } });
      }
      expect(org.costs()).toHaveLength(2);
      const before = emulator.requests.length;
      const third = await org.call('generateImage', REQUEST);
      expect(third).toMatchObject({ ok: false, error: { code: 'POLICY' } });
      if (!third.ok) expect(third.error.detail).toMatch(/a month per person; you have spent/);
      expect(emulator.requests.length).toBe(before);
      expect(org.costs()).toHaveLength(2);
    } finally {
      await org.runtime.close();
    }
  });

  it('per document: counts every collaborator’s images in this document this month, folded ones included', async () => {
    const org = await organization({ [P.documentMonthlyUsd]: String(PRICE * 1.5) });
    try {
      const month = new Date().toISOString().slice(0, 7);
      // A collaborator's image earlier this month, already folded into the month's figure.
      org.world.properties.document(org.documentId).setProperty(MONTH_COST_PROPERTY, `${month}=${PRICE}`);
      const before = emulator.requests.length;
      const refused = await org.call('generateImage', REQUEST);
      expect(refused).toMatchObject({ ok: false, error: { code: 'POLICY' } });
      if (!refused.ok) expect(refused.error.detail).toMatch(/this document past/);
      expect(emulator.requests.length).toBe(before);
      // Last month's figure is not this month's.
      org.world.properties.document(org.documentId).setProperty(MONTH_COST_PROPERTY, `1999-01=${PRICE}`);
      expect(await org.call('generateImage', REQUEST)).toMatchObject({ ok: true, value: { kind: 'image' } });
    } finally {
      await org.runtime.close();
    }
  });
});

describe('features and keys', () => {
  it('uploads off: a picture from the computer is refused, nothing kept', async () => {
    const org = await organization({ [P.uploads]: 'off' });
    try {
      const upload = {
        mimeType: 'image/png',
        base64: 'iVBORw0KGgo=',
        pixelWidth: 1,
        pixelHeight: 1,
      };
      const refused = await org.call('uploadReference', upload);
      expect(refused).toMatchObject({ ok: false, error: { code: 'POLICY' } });
      if (!refused.ok) expect(refused.error.detail).toMatch(/turned off pictures from the computer/);
    } finally {
      await org.runtime.close();
    }
  });

  it('deck jobs off: neither planned nor started', async () => {
    const org = await organization({ [P.jobs]: 'off' });
    try {
      const plan = await org.call('planDeckJob', { kind: 'illustrate', model: DEFAULT_MODEL_ID, imageSize: '1K' });
      if (!plan.ok) expect(plan.error.detail).toMatch(/turned off illustrating a whole file/);
      expect(plan).toMatchObject({ ok: false, error: { code: 'POLICY' } });
      const start = await org.call('startDeckJob', {
        kind: 'illustrate',
        model: DEFAULT_MODEL_ID,
        imageSize: '1K',
        capUsd: 1,
        items: [{ key: 'x', aspectRatio: '16:9', prompt: 'A picture' }],
      });
      expect(start).toMatchObject({ ok: false, error: { code: 'POLICY' } });
    } finally {
      await org.runtime.close();
    }
  });

  it('deck jobs for a list of people: the people on it plan, anyone else is told why, and a declined address is asked for', async () => {
    const plan = { kind: 'illustrate', model: DEFAULT_MODEL_ID, imageSize: '1K' };
    const org = await organization({ [P.jobs]: `@elsewhere.org, ${USER.toUpperCase()}` });
    const sent = emulator.requests.length;
    try {
      expect(await org.call('planDeckJob', plan)).toMatchObject({ ok: true });
      const context = await org.call<SidebarContext>('getSidebarContext');
      expect(context.ok && context.value.policy).toContain(
        'Your organization allows illustrating a whole file at once for some people only.',
      );
      // Another person in the same document, with a key of their own.
      const bea = async <T>(name: string, ...args: unknown[]) =>
        (await org.runtime.run(name, args, { trigger: 'script.run', user: 'bea@example.com' })).value as Result<T>;
      expect(await bea('saveApiKey', KEY)).toMatchObject({ ok: true });
      const refused = await bea('planDeckJob', plan);
      expect(refused).toMatchObject({ ok: false, error: { code: 'POLICY' } });
      if (!refused.ok) expect(refused.error.detail).toMatch(/bea@example\.com is not one of them/);
      // Someone who declined the e-mail permission is asked for it, with Google's consent page.
      org.world.consent.decline(USER, 'https://www.googleapis.com/auth/userinfo.email');
      const declined = await org.call('planDeckJob', plan);
      expect(declined).toMatchObject({ ok: false, error: { code: 'SCOPE_NOT_GRANTED' } });
      if (!declined.ok) expect(declined.error.detail).toMatch(/needs your email address/);
      expect(emulator.requests.length).toBe(sent);
    } finally {
      await org.runtime.close();
    }
  });

  it('the organization key for everyone: used even by someone with a key of their own, who cannot save one', async () => {
    const org = await organization({ [P.organizationKey]: 'everyone', PEEL_ORG_API_KEY: ORG_KEY }, false);
    try {
      const saved = await org.call<SettingsView>('saveApiKey', KEY);
      expect(saved).toMatchObject({ ok: false, error: { code: 'POLICY' } });
      // A key saved before the policy (in the user's store directly) is not the one sent.
      org.world.properties.user(USER).setProperty('PEEL_API_KEY', KEY);
      expect(await org.call('generateImage', REQUEST)).toMatchObject({ ok: true });
      expect(emulator.requests.at(-1)?.headers['x-goog-api-key']).toBe(ORG_KEY);
      const settings = await org.call<SettingsView>('getSettings');
      expect(settings).toMatchObject({ ok: true, value: { connection: { key: { forEveryone: true } } } });
    } finally {
      await org.runtime.close();
    }
  });

  it('AI label off: the alt text does not begin "AI-generated image."; on (the default) it does', async () => {
    for (const [script, marked] of [
      [{ [P.aiLabel]: 'off' }, false],
      [{}, true],
    ] as const) {
      const org = await organization(script);
      try {
        const made = await org.call<ImageCallOutcome>('generateImage', REQUEST);
        if (!made.ok || made.value.kind !== 'image') throw new Error('no image');
        const placed = await org.call<InsertResult>('insertImage', { imageId: made.value.image.id, mode: 'insert' });
        if (!placed.ok) throw new Error(placed.error.message);
        const deck = org.world.document as ReturnType<typeof demoDeck>;
        const element = deck.slides
          .flatMap((slide) => slide.elements)
          .find((e) => e.objectId === placed.value.objectId);
        expect(element?.description.startsWith(ALT_LEAD)).toBe(marked);
        expect(element?.description.length).toBeGreaterThan(0);
      } finally {
        await org.runtime.close();
      }
    }
  });
});

it('an administrator’s change reaches a person with their own key once the cached policy expires', async () => {
  let offsetMs = 0;
  const org = await organization({}, true, () => Date.now() + offsetMs);
  try {
    expect(await org.call('generateImage', REQUEST)).toMatchObject({ ok: true });
    org.world.properties.script.setProperty(P.maxSize, '512');
    // The policy read a moment ago stands until its cache entry expires: no script-store read per Generate.
    expect(await org.call('generateImage', REQUEST)).toMatchObject({ ok: true, value: { kind: 'image' } });
    offsetMs = (POLICY_CACHE_SECONDS + 1) * 1000;
    await expectRefused(org.call('generateImage', REQUEST), /up to 512/, () => []);
  } finally {
    await org.runtime.close();
  }
});
