/**
 * Granular consent with the real bundle: a person who declined a scope keeps every feature that does not need
 * it; the one that does says which permission it needs, offers Google's page for granting it, and changes
 * nothing and costs nothing. Granting it there makes the same call work.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../../dev/emulator/index';
import { geminiRewrites, Runtime, World } from '../../dev/runtime/index';
import type { DeckState } from '../../dev/runtime/model';
import { demoDeck } from '../../dev/runtime/seed';
import { SCOPE } from '../../dev/runtime/services/consent';
import { DEFAULT_MODEL_ID } from '../../src/core/gemini/catalog';
import { COST_ENTRY_PREFIX } from '../../src/server/spine/costs';
import type {
  ImageDelivered,
  InsertResult,
  Result,
  SettingsView,
  SidebarContext,
  Target,
  UserFacingError,
} from '../../src/shared/rpc';

const DIST = path.resolve(import.meta.dirname, '../../dist');
const USER = 'cleo@example.com';
const REQUEST = { prompt: 'A lighthouse at dawn', model: DEFAULT_MODEL_ID, aspectRatio: '16:9', imageSize: '1K' };

let emulator: Emulator;

beforeAll(async () => {
  emulator = await startEmulator({ latencyMs: 0 });
});

afterAll(async () => {
  await emulator?.close();
});

async function person(declined: string) {
  const world = new World({ document: demoDeck() });
  world.consent.decline(USER, declined);
  const runtime = new Runtime({ distDir: DIST, world, urlRewrites: geminiRewrites(emulator.url) });
  const call = async <T>(name: string, ...args: unknown[]) =>
    (await runtime.run(name, args, { trigger: 'script.run', user: USER })).value as Result<T>;
  const value = async <T>(name: string, ...args: unknown[]) => {
    const result = await call<T>(name, ...args);
    if (!result.ok) throw new Error(`${name}: ${result.error.code} ${result.error.message}`);
    return result.value;
  };
  expect(await call('saveApiKey', 'AIzaSyConsentKey0123456789abcdefghijklm')).toMatchObject({ ok: true });
  const documentId = world.document?.id ?? '';
  const costs = () =>
    Object.keys(world.properties.document(documentId).snapshot()).filter((k) => k.startsWith(COST_ENTRY_PREFIX));
  return { world, runtime, call, value, costs, deck: () => world.document as DeckState };
}

/** The refusal names the permission and carries Google's page for it, with the scope it grants. */
function expectAsksFor(result: Result<unknown>, code: string, scope: string, words: RegExp): void {
  expect(result).toMatchObject({ ok: false, error: { code } });
  if (result.ok) return;
  const error: UserFacingError = result.error;
  expect(error.detail).toMatch(words);
  expect(error.action).toMatch(/Grant permission/);
  const url = new URL(error.authorizationUrl ?? 'about:blank');
  expect(url.searchParams.get('scope')?.split(' ')).toContain(scope);
}

describe('without “Connect to an external service” (script.external_request)', () => {
  it('Generate says which permission it needs, sends and bills nothing; the sidebar still opens; granting fixes it', async () => {
    const p = await person(SCOPE.externalRequest);
    try {
      expect(await p.call<SidebarContext>('getSidebarContext')).toMatchObject({ ok: true });
      expect(await p.call<SettingsView>('getSettings')).toMatchObject({ ok: true });
      expect(await p.call<Target>('getTarget')).toMatchObject({ ok: true });
      const before = emulator.requests.length;
      const refused = await p.call('generateImage', REQUEST);
      expectAsksFor(refused, 'SCOPE_NOT_GRANTED', SCOPE.externalRequest, /Connect to an external service/);
      expect(emulator.requests.length).toBe(before);
      expect(p.costs()).toEqual([]);

      p.world.consent.grant(USER, SCOPE.externalRequest);
      expect(await p.call('generateImage', REQUEST)).toMatchObject({ ok: true, value: { kind: 'image' } });
      expect(p.costs()).toHaveLength(1);
    } finally {
      await p.runtime.close();
    }
  });
});

describe('without Drive’s “files you use with this app” (drive.file)', () => {
  it('Generate, Insert and Edit work; Apply, which keeps the old version in Drive, asks for it and changes nothing', async () => {
    const p = await person(SCOPE.driveFile);
    try {
      const made = await p.value<ImageDelivered>('generateImage', REQUEST);
      const inserted = await p.value<InsertResult>('insertImage', { imageId: made.image.id, mode: 'insert' });
      const slide = p.deck().slides.find((s) => s.elements.some((e) => e.objectId === inserted.objectId));
      p.deck().selection = { pageId: slide?.objectId ?? null, elementIds: [inserted.objectId ?? ''], text: null };
      const ref = (await p.value<Target>('getTarget')).image?.ref ?? '';
      const edited = await p.value<ImageDelivered>('editImage', {
        ref,
        instruction: 'Make it night',
        model: DEFAULT_MODEL_ID,
        aspectRatio: null,
        imageSize: '1K',
        quick: null,
      });
      const shown = () =>
        JSON.stringify(
          p
            .deck()
            .slides.flatMap((s) => s.elements)
            .find((e) => e.objectId === inserted.objectId),
        );
      const before = shown();
      const refused = await p.call('applyEdit', { imageId: edited.image.id, keepAltDescription: true });
      expectAsksFor(refused, 'DRIVE_NOT_AUTHORIZED', SCOPE.driveFile, /only the specific Google Drive files/);
      expect(shown()).toBe(before);

      // The edit is still waiting: granted, the same Apply places it and keeps the old picture as a version.
      p.world.consent.grant(USER, SCOPE.driveFile);
      expect(await p.call('applyEdit', { imageId: edited.image.id, keepAltDescription: true })).toMatchObject({
        ok: true,
      });
      expect(shown()).not.toBe(before);
      expect(
        p.world.drive.list().filter((f) => f.owner === USER && f.mimeType !== 'application/vnd.google-apps.folder'),
      ).toHaveLength(1);
    } finally {
      await p.runtime.close();
    }
  });
});
