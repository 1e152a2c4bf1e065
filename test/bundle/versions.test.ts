/**
 * The versions adapter (server/adapters/drive.ts) in the real bundle, in the local runtime, against its Drive
 * stand-in: bytes go up as a multipart upload and come back whole, the folder is made once per user, and a
 * second user meets VERSION_UNAVAILABLE with its sentence. The bundle is Peel's entry plus probes
 * (entries/versions.ts), built by the real build into a temporary directory with the real manifest, so the
 * allowlist and the drive.file scope are those deployed.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildManifest, buildServer } from '../../build/build';
import { Runtime, World } from '../../dev/runtime/index';
import { FOLDER_NAME } from '../../src/core/versions';
import { VERSIONS_FOLDER_PROPERTY } from '../../src/server/platform/drive';
import type { Result } from '../../src/shared/rpc';

const ENTRY = path.resolve(import.meta.dirname, 'entries/versions.ts');
// A PNG's signature, then bytes that look like a multipart delimiter and every high byte value.
const BYTES = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from('\r\n--peel_\r\n', 'latin1'),
  Buffer.from(Array.from({ length: 256 }, (_, i) => 255 - i)),
]);
const A = 'ada@example.com';
const B = 'bea@example.com';

let dir = '';
let runtime: Runtime;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'peel-versions-'));
  await buildServer(dir, false, ENTRY);
  await buildManifest(dir, false);
  runtime = new Runtime({ distDir: dir, world: new World(), user: A });
});

afterAll(async () => {
  await runtime?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function call<T>(name: string, args: unknown[], user = A): Promise<Result<T>> {
  const result = await runtime.run(name, args, { trigger: 'script.run', user });
  expect(result.record.status, result.record.error).toBe('ok');
  return result.value as Result<T>;
}

function ok<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

describe('versions in Drive through the real bundle', () => {
  let file = '';

  it('uploads the bytes into the user\u2019s "Peel versions" folder, made on first need and remembered', async () => {
    file = ok(await call<{ file: string }>('versionsProbePut', ['image/png', BYTES.toString('base64')])).file;
    const drive = runtime.world.drive.list();
    const folder = drive.find((f) => f.name === FOLDER_NAME);
    expect(folder).toMatchObject({ owner: A, mimeType: 'application/vnd.google-apps.folder', trashed: false });
    expect(drive.find((f) => f.id === file)).toMatchObject({
      owner: A,
      parents: [folder?.id],
      mimeType: 'image/png',
      name: 'Deck – the selected image on slide 1 – 2026-11-30 09:05 UTC.png',
    });
    expect(runtime.world.properties.user(A).getProperty(VERSIONS_FOLDER_PROPERTY)).toBe(folder?.id);

    // The second version goes straight into the remembered folder: one request, the upload.
    const again = await runtime.run('versionsProbePut', ['image/png', BYTES.toString('base64')], {
      trigger: 'script.run',
    });
    expect(again.record.fetches.map((f) => `${f.method} ${f.url.split('?')[0]} ${f.status}`)).toEqual([
      'POST https://www.googleapis.com/upload/drive/v3/files 200',
    ]);
    expect(again.record.fetches[0]?.requestBytes).toBeGreaterThan(BYTES.byteLength);
  });

  it('reads the same bytes back with their type (alt=media)', async () => {
    const image = ok(await call<{ mimeType: string; base64: string }>('versionsProbeGet', [file]));
    expect(image.mimeType).toBe('image/png');
    expect(Buffer.from(image.base64, 'base64').equals(BYTES)).toBe(true);
  });

  it('tells a second user the version is in the Drive of the collaborator who made it', async () => {
    const result = await call<unknown>('versionsProbeGet', [file], B);
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: 'VERSION_UNAVAILABLE',
        message: expect.stringMatching(/Google Drive of the collaborator who made that edit/),
        action: expect.stringMatching(/Ask that collaborator/),
      },
    });
    // B's Drive is untouched: no folder of theirs was made by reading.
    expect(runtime.world.drive.list().filter((f) => f.owner === B)).toEqual([]);
  });

  it('trashes the owner\u2019s file; the file then still reads for its owner, as trashed Drive files do', async () => {
    ok(await call('versionsProbeTrash', [file]));
    expect(runtime.world.drive.list().find((f) => f.id === file)?.trashed).toBe(true);
    expect(ok(await call<{ mimeType: string }>('versionsProbeGet', [file])).mimeType).toBe('image/png');
  });

  it('sends the user\u2019s token only to Drive, inside the manifest\u2019s allowlist', async () => {
    const fetched = runtime.executions.flatMap((e) => e.fetches.map((f) => f.url));
    expect(fetched.length).toBeGreaterThan(0);
    for (const url of fetched) expect(url).toMatch(/^https:\/\/www\.googleapis\.com\/(upload\/)?drive\/v3\//);
  });

  it('survives the World being saved and restored (the workbench keeps Drive in its state)', async () => {
    const json = JSON.parse(JSON.stringify(runtime.world.toJSON())) as unknown;
    expect(JSON.stringify(json)).not.toMatch(/ya29\./);
    const restored = World.fromJSON(json);
    const copy = new Runtime({ distDir: dir, world: restored, user: A });
    try {
      const result = await copy.run('versionsProbeGet', [file], { trigger: 'script.run' });
      const image = ok(result.value as Result<{ base64: string }>);
      expect(Buffer.from(image.base64, 'base64').equals(BYTES)).toBe(true);
    } finally {
      await copy.close();
    }
  });
});
