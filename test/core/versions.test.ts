/**
 * The versions store's logic (core/versions.ts) against the runtime's Drive stand-in, reached through a small
 * DriveHttp that turns requests into bytes the way the Apps Script adapter does.
 */
import { describe, expect, it } from 'vitest';
import { DriveStandIn } from '../../dev/runtime/services/drive';
import { describeError, isPeelError, type PeelError } from '../../src/core/errors';
import {
  type DriveHttp,
  type DriveRequest,
  DriveVersionStore,
  driveError,
  FOLDER_NAME,
  type FolderMemory,
  multipartBody,
  versionFileName,
} from '../../src/core/versions';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 1, 2, 253, 254, 255, 13, 10, 45, 45]);
const IMAGE = { mimeType: 'image/png', base64: PNG.toString('base64') };
const META = {
  threadId: 't1',
  versionId: 'v1',
  at: Date.UTC(2026, 10, 30, 16, 12, 30),
  documentName: 'Quarterly review',
  label: 'The selected image on slide 3',
};

function bytesOf(body: DriveRequest['body']): Uint8Array | null {
  if (body === undefined) return null;
  if (typeof body === 'string') return new Uint8Array(Buffer.from(body, 'utf8'));
  // Bytes as the adapter reads a Byte[] (Int8Array wraps -128…127 as the adapter's Blob does).
  const media = 'bytes' in body ? Buffer.from(Int8Array.from(body.bytes).buffer) : Buffer.from(body.base64, 'base64');
  return new Uint8Array(Buffer.concat([Buffer.from(body.head, 'latin1'), media, Buffer.from(body.tail)]));
}

/** DriveHttp over the stand-in, as `user`, logging each request. */
function http(drive: DriveStandIn, user: string, log: string[] = []): DriveHttp {
  const token = drive.signIn(user);
  return {
    send(request) {
      log.push(`${request.method} ${request.url.split('?')[0]}`);
      const headers = new Headers({ authorization: `Bearer ${token}` });
      const body = request.body;
      if (typeof body === 'string') headers.set('content-type', 'application/json; charset=UTF-8');
      else if (body) headers.set('content-type', `multipart/related; boundary=${body.boundary}`);
      const answer = drive.handle({
        method: request.method.toUpperCase(),
        url: request.url,
        headers,
        body: bytesOf(body),
      });
      const contentType = answer.headers.find(([n]) => n === 'content-type')?.[1] ?? null;
      return {
        kind: 'response',
        status: answer.status,
        contentType,
        text: () => Buffer.from(answer.body).toString('utf8'),
        base64: () => Buffer.from(answer.body).toString('base64'),
      };
    },
  };
}

function memory(initial: string | null = null): FolderMemory & { id: string | null } {
  const m = {
    id: initial,
    get: () => m.id,
    set: (id: string | null) => {
      m.id = id;
    },
  };
  return m;
}

function thrown(fn: () => unknown): PeelError {
  try {
    fn();
  } catch (error) {
    if (isPeelError(error)) return error;
    throw error;
  }
  throw new Error('expected a PeelError');
}

describe('the multipart upload body', () => {
  it('keeps its text parts ASCII whatever the title holds, and frames the image between boundaries', () => {
    const body = multipartBody({ name: 'Café – “Ünïcode” 🍌' }, IMAGE, 'peel_b');
    expect(body.head).toMatch(/^[\x20-\x7e\r\n]*$/);
    expect(JSON.parse(body.head.split('\r\n')[3] ?? '')).toEqual({ name: 'Café – “Ünïcode” 🍌' });
    expect(body.head.startsWith('--peel_b\r\nContent-Type: application/json; charset=UTF-8\r\n\r\n')).toBe(true);
    expect(body.head.endsWith('--peel_b\r\nContent-Type: image/png\r\n\r\n')).toBe(true);
    expect(body.tail).toBe('\r\n--peel_b--\r\n');
    expect('base64' in body && body.base64).toBe(IMAGE.base64);
  });

  it('carries a Byte[] as it is, not as base64', () => {
    const bytes = [...PNG].map((b) => (b > 127 ? b - 256 : b));
    const body = multipartBody({}, { mimeType: 'image/png', bytes }, 'peel_b');
    expect('bytes' in body && body.bytes).toBe(bytes);
    expect('base64' in body).toBe(false);
    expect(body.head.endsWith('--peel_b\r\nContent-Type: image/png\r\n\r\n')).toBe(true);
  });

  it('uses a fresh 40-character boundary each time', () => {
    const a = multipartBody({}, IMAGE).boundary;
    expect(a).toMatch(/^peel_[a-z0-9]{40}$/);
    expect(multipartBody({}, IMAGE).boundary).not.toBe(a);
  });
});

describe('version file names a person recognises', () => {
  it('names the document, the image and the time (UTC), with the right extension', () => {
    expect(versionFileName(META, 'image/png')).toBe(
      'Quarterly review – the selected image on slide 3 – 2026-11-30 16:12 UTC.png',
    );
    expect(versionFileName({ ...META, documentName: '  ', label: '' }, 'image/jpeg')).toBe(
      'Untitled – 2026-11-30 16:12 UTC.jpg',
    );
  });
});

describe("Drive's errors as Peel's", () => {
  const body = (code: number, reason: string, message = 'm', status?: string) =>
    JSON.stringify({ error: { code, message, errors: [{ domain: 'global', reason, message }], status } });

  it.each([
    [404, body(404, 'notFound', 'File not found: abc.'), 'read-version', 'VERSION_UNAVAILABLE'],
    [403, body(403, 'appNotAuthorizedToFile'), 'read-version', 'VERSION_UNAVAILABLE'],
    [403, body(403, 'insufficientFilePermissions'), 'read-version', 'VERSION_UNAVAILABLE'],
    [404, body(404, 'notFound'), 'trash-version', 'VERSION_UNAVAILABLE'],
    [404, body(404, 'notFound'), 'folder', 'INTERNAL'],
    [
      403,
      body(403, 'storageQuotaExceeded', "The user's Drive storage quota has been exceeded."),
      'upload',
      'DRIVE_FULL',
    ],
    [403, body(403, 'userRateLimitExceeded'), 'upload', 'DRIVE_UNAVAILABLE'],
    [403, body(403, 'dailyLimitExceeded'), 'read-version', 'DRIVE_UNAVAILABLE'],
    [429, body(429, 'rateLimitExceeded'), 'read-version', 'DRIVE_UNAVAILABLE'],
    [500, body(500, 'backendError'), 'upload', 'DRIVE_UNAVAILABLE'],
    [503, '<html>Service Unavailable</html>', 'read-version', 'DRIVE_UNAVAILABLE'],
    [401, body(401, 'authError', 'Invalid Credentials', 'UNAUTHENTICATED'), 'upload', 'DRIVE_NOT_AUTHORIZED'],
    [
      403,
      body(403, 'insufficientPermissions', 'Request had insufficient authentication scopes.', 'PERMISSION_DENIED'),
      'read-version',
      'DRIVE_NOT_AUTHORIZED',
    ],
    [400, body(400, 'invalid', 'Invalid Value'), 'folder', 'INTERNAL'],
  ] as const)('%i %s (%s) → %s', (status, text, operation, code) => {
    const error = driveError(status, text, operation);
    expect(error.code).toBe(code);
    expect(error.details.status).toBe(status);
  });

  it('says who can reach an unavailable version, and what to do', () => {
    const described = describeError(driveError(404, body(404, 'notFound', 'File not found: abc.'), 'read-version'));
    expect(described).toMatchObject({
      code: 'VERSION_UNAVAILABLE',
      message: expect.stringMatching(/Google Drive of the collaborator who made that edit/),
      action: expect.stringMatching(/Ask that collaborator/),
    });
    // Drive's own words name the file id: they stay in the log, out of the sentence.
    expect(described.detail).toBeUndefined();
    expect(JSON.stringify(described)).not.toContain('abc');
  });

  it('no sentence carries a Drive file id or Drive’s own words, whatever Drive answered', () => {
    const FILE = '1Zq8vRkXoP3mW7sT2yN4bC6dF9gH0jK5L';
    const said = (message: string) => `${message} (${FILE}) xyzzy`;
    const answers: [number, string][] = [
      [404, body(404, 'notFound', said('File not found'))],
      [403, body(403, 'appNotAuthorizedToFile', said('The user has not granted the app access'))],
      [403, body(403, 'insufficientFilePermissions', said('Insufficient permissions'))],
      [403, body(403, 'storageQuotaExceeded', said('Quota exceeded'))],
      [403, body(403, 'userRateLimitExceeded', said('Rate limit'))],
      [401, body(401, 'authError', said('Invalid Credentials'), 'UNAUTHENTICATED')],
      [403, body(403, 'insufficientPermissions', said('Insufficient scopes'), 'PERMISSION_DENIED')],
      [400, body(400, 'invalid', said('Invalid Value'))],
      [500, body(500, 'backendError', said('Backend Error'))],
      [502, `<html>${said('Bad gateway')}</html>`],
    ];
    const operations = ['read-version', 'trash-version', 'folder', 'upload'] as const;
    const errors = answers.flatMap(([status, text]) => operations.map((op) => driveError(status, text, op)));
    // No answer at all: UrlFetchApp's exception names the address it could not reach, and with it the file.
    const unreachable: DriveHttp = {
      send: (request) => ({ kind: 'failure', message: `Address unavailable: ${request.url} xyzzy` }),
    };
    errors.push(thrown(() => new DriveVersionStore(unreachable, memory('1folder')).get(FILE)));
    errors.push(thrown(() => new DriveVersionStore(unreachable, memory('1folder')).trash(FILE)));
    for (const error of errors) {
      // The log keeps what Drive said; the person reads Peel's sentence only.
      expect(error.message).toContain('xyzzy');
      const shown = JSON.stringify(describeError(error));
      expect(shown).not.toContain(FILE);
      expect(shown).not.toContain('xyzzy');
      expect(shown).not.toContain('googleapis');
    }
  });

  it('gives quota and outages a sentence and a next step', () => {
    for (const code of ['DRIVE_FULL', 'DRIVE_UNAVAILABLE', 'DRIVE_NOT_AUTHORIZED'] as const) {
      const text = describeError(
        driveError(
          code === 'DRIVE_FULL' ? 403 : code === 'DRIVE_UNAVAILABLE' ? 503 : 401,
          body(0, code === 'DRIVE_FULL' ? 'storageQuotaExceeded' : 'x'),
          'upload',
        ),
      );
      expect(text.code).toBe(code);
      expect(text.message).toMatch(/Drive/);
      expect(text.action.length).toBeGreaterThan(10);
    }
  });
});

describe('DriveVersionStore', () => {
  it('round-trips the bytes and their type, in a "Peel versions" folder made once and remembered', () => {
    const drive = new DriveStandIn();
    const log: string[] = [];
    const folder = memory();
    const store = new DriveVersionStore(http(drive, 'a@example.com', log), folder);
    const { file } = store.put(IMAGE, META);
    const second = store.put(
      { mimeType: 'image/jpeg', base64: Buffer.from([0xff, 0xd8, 0xff, 0xd9]).toString('base64') },
      META,
    );
    expect(store.get(file)).toEqual(IMAGE);
    expect(store.get(second.file).mimeType).toBe('image/jpeg');

    const folders = drive.list().filter((f) => f.name === FOLDER_NAME);
    expect(folders).toHaveLength(1);
    expect(folder.id).toBe(folders[0]?.id);
    // Looked up and made once; the second put went straight to the remembered folder.
    expect(
      log.filter((l) => l.startsWith('get https://www.googleapis.com/drive/v3/files') && !l.includes('/files/')),
    ).toHaveLength(1);
    const saved = drive.list().find((f) => f.id === file);
    expect(saved).toMatchObject({
      name: 'Quarterly review – the selected image on slide 3 – 2026-11-30 16:12 UTC.png',
      parents: [folder.id],
      owner: 'a@example.com',
      appProperties: { peelThread: 't1', peelVersion: 'v1' },
    });
  });

  it('finds the folder it made before when the memory is gone (another device, cleared properties)', () => {
    const drive = new DriveStandIn();
    const first = memory();
    new DriveVersionStore(http(drive, 'a@example.com'), first).put(IMAGE, META);
    const fresh = memory();
    new DriveVersionStore(http(drive, 'a@example.com'), fresh).put(IMAGE, META);
    expect(fresh.id).toBe(first.id);
    expect(drive.list().filter((f) => f.name === FOLDER_NAME)).toHaveLength(1);
  });

  it('makes the folder again when the remembered one was deleted, and the upload still succeeds', () => {
    const drive = new DriveStandIn();
    const folder = memory('1deletedFolderId');
    const store = new DriveVersionStore(http(drive, 'a@example.com'), folder);
    const { file } = store.put(IMAGE, META);
    expect(folder.id).not.toBe('1deletedFolderId');
    expect(drive.list().find((f) => f.id === file)?.parents).toEqual([folder.id]);
  });

  it('keeps a Byte[] (signed, as the document gives it) byte for byte, also when the upload is sent twice', () => {
    const drive = new DriveStandIn();
    // The remembered folder is gone: the first upload fails and the same bytes go again.
    const store = new DriveVersionStore(http(drive, 'a@example.com'), memory('1deletedFolderId'));
    const bytes = [...PNG].map((b) => (b > 127 ? b - 256 : b));
    const { file } = store.put({ mimeType: 'image/png', bytes }, META);
    expect(store.get(file)).toEqual(IMAGE);
    expect(bytes).toEqual([...PNG].map((b) => (b > 127 ? b - 256 : b)));
  });

  it("tells a collaborator who cannot reach another user's version so, with who can", () => {
    const drive = new DriveStandIn();
    const { file } = new DriveVersionStore(http(drive, 'a@example.com'), memory()).put(IMAGE, META);
    const other = new DriveVersionStore(http(drive, 'b@example.com'), memory());
    const error = thrown(() => other.get(file));
    expect(error.code).toBe('VERSION_UNAVAILABLE');
    expect(describeError(error).message).toMatch(/collaborator who made that edit/);
    // And B's trash of A's file changes nothing and is not an error: only the owner cleans up.
    other.trash(file);
    expect(drive.list().find((f) => f.id === file)?.trashed).toBe(false);
  });

  it('trashes its own file, and trashing one already gone is not an error', () => {
    const drive = new DriveStandIn();
    const store = new DriveVersionStore(http(drive, 'a@example.com'), memory());
    const { file } = store.put(IMAGE, META);
    store.trash(file);
    expect(drive.list().find((f) => f.id === file)?.trashed).toBe(true);
    expect(() => store.trash('1neverExisted')).not.toThrow();
  });

  it('reports no answer at all (deadline, network, allowlist) as Drive unavailable', () => {
    const down: DriveHttp = { send: () => ({ kind: 'failure', message: 'Timeout: https://www.googleapis.com/…' }) };
    const store = new DriveVersionStore(down, memory('1folder'));
    expect(thrown(() => store.put(IMAGE, META)).code).toBe('DRIVE_UNAVAILABLE');
    expect(thrown(() => store.get('1file')).code).toBe('DRIVE_UNAVAILABLE');
  });

  it('passes a full Drive on as DRIVE_FULL, keeping what Drive said', () => {
    const full: DriveHttp = {
      send: () => ({
        kind: 'response',
        status: 403,
        contentType: 'application/json',
        text: () =>
          JSON.stringify({
            error: {
              code: 403,
              message: "The user's Drive storage quota has been exceeded.",
              errors: [{ reason: 'storageQuotaExceeded', domain: 'usageLimits' }],
            },
          }),
        base64: () => '',
      }),
    };
    const error = thrown(() => new DriveVersionStore(full, memory('1folder')).put(IMAGE, META));
    expect(error.code).toBe('DRIVE_FULL');
    expect(error.message).toContain("The user's Drive storage quota has been exceeded.");
    expect(describeError(error).detail).toBeUndefined();
  });
});
