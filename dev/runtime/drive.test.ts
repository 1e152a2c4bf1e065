/**
 * The Drive stand-in answers as Drive REST v3 does for what Peel calls, with Drive's own error shapes: 401 for
 * a token it does not know, 404 "File not found" for another user's file (drive.file: only the creator sees
 * it), 403 fileNotDownloadable for a folder's media, 400 for queries outside the slice it understands.
 */
import { describe, expect, it } from 'vitest';
import { DriveStandIn, type LocalAnswer } from './services/drive';

const BASE = 'https://www.googleapis.com/drive/v3';

function request(
  drive: DriveStandIn,
  token: string | null,
  method: string,
  url: string,
  body?: string,
): { status: number; json: Record<string, unknown>; answer: LocalAnswer } {
  const headers = new Headers(token ? { authorization: `Bearer ${token}` } : {});
  if (body) headers.set('content-type', 'application/json');
  const answer = drive.handle({ method, url, headers, body: body ? new Uint8Array(Buffer.from(body)) : null });
  const text = Buffer.from(answer.body).toString('utf8');
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // media
  }
  return { status: answer.status, json, answer };
}

describe('the Drive stand-in', () => {
  it('refuses a missing or unknown token with Drive 401 shape', () => {
    const drive = new DriveStandIn();
    for (const token of [null, 'ya29.someone-else']) {
      const { status, json } = request(drive, token, 'GET', `${BASE}/files`);
      expect(status).toBe(401);
      expect(json).toMatchObject({
        error: {
          code: 401,
          status: 'UNAUTHENTICATED',
          errors: [{ reason: 'authError', message: 'Invalid Credentials', location: 'Authorization' }],
        },
      });
    }
  });

  it('creates a folder, lists it by query for its creator only, and hides it from another user', () => {
    const drive = new DriveStandIn();
    const a = drive.signIn('a@example.com');
    const b = drive.signIn('b@example.com');
    const made = request(
      drive,
      a,
      'POST',
      `${BASE}/files?fields=id,name`,
      '{"name":"It\'s mine","mimeType":"application/vnd.google-apps.folder"}',
    );
    expect(made.status).toBe(200);
    const id = made.json.id as string;
    expect(made.json).toEqual({ id, name: "It's mine" });
    const q = encodeURIComponent(
      "name = 'It\\'s mine' and mimeType = 'application/vnd.google-apps.folder' and trashed = false",
    );
    const mine = request(drive, a, 'GET', `${BASE}/files?q=${q}&fields=files(id)`);
    expect(mine.json).toMatchObject({ kind: 'drive#fileList', files: [{ id }] });
    expect(request(drive, b, 'GET', `${BASE}/files?q=${q}`).json).toMatchObject({ files: [] });

    const theirs = request(drive, b, 'GET', `${BASE}/files/${id}`);
    expect(theirs.status).toBe(404);
    expect(theirs.json).toMatchObject({
      error: { code: 404, message: `File not found: ${id}.`, errors: [{ reason: 'notFound', location: 'fileId' }] },
    });
    expect(request(drive, b, 'PATCH', `${BASE}/files/${id}`, '{"trashed":true}').status).toBe(404);

    const media = request(drive, a, 'GET', `${BASE}/files/${id}?alt=media`);
    expect(media.status).toBe(403);
    expect(media.json).toMatchObject({ error: { errors: [{ reason: 'fileNotDownloadable' }] } });
  });

  it('refuses a query outside its slice of the language with Drive 400 Invalid Value', () => {
    const drive = new DriveStandIn();
    const a = drive.signIn('a@example.com');
    const answer = request(drive, a, 'GET', `${BASE}/files?q=${encodeURIComponent("fullText contains 'x'")}`);
    expect(answer.status).toBe(400);
    expect(answer.json).toMatchObject({
      error: { message: 'Invalid Value', errors: [{ reason: 'invalid', location: 'q' }] },
    });
  });

  it('refuses an upload whose multipart body is not two parts', () => {
    const drive = new DriveStandIn();
    const a = drive.signIn('a@example.com');
    const headers = new Headers({ authorization: `Bearer ${a}`, 'content-type': 'multipart/related; boundary=x' });
    const answer = drive.handle({
      method: 'POST',
      url: 'https://www.googleapis.com/upload/drive/v3/files?uploadType=multipart',
      headers,
      body: new Uint8Array(Buffer.from('--x\r\nContent-Type: application/json\r\n\r\n{}\r\n--x--\r\n')),
    });
    expect(answer.status).toBe(400);
    expect(drive.list()).toEqual([]);
  });
});
