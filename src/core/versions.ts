/**
 * Durable version bytes. An Apply replaces an image; the version it replaces is kept so anyone can compare and
 * restore it after the document is closed. Document properties hold 9 KB a value and 500 KB a document, far too
 * little for images, so the bytes go to the user's Google Drive under `drive.file` (the narrowest Drive scope:
 * Peel sees only files it created) and the thread keeps the file id.
 *
 * DriveApp needs the restricted full `drive` scope, so Drive is reached over its REST API (v3) with the user's
 * own token. Everything that decides (the multipart body, file names, which folder, what Drive's answers mean)
 * is here; the Apps Script adapter (server/adapters/drive.ts) only sends bytes and reads answers.
 */
import { DRIVE_FILE_SCOPE, neededFor } from './consent';
import { PeelError } from './errors';

export interface VersionImage {
  readonly mimeType: string;
  readonly base64: string;
}

/**
 * What is kept: base64 (a preview Peel made), or the bytes the document gave (Byte[], -128 to 127), which go up
 * as they are: encoding a picture only for the adapter to decode it again took Apply milliseconds per megabyte.
 */
export type VersionUpload = VersionImage | { readonly mimeType: string; readonly bytes: readonly number[] };

/** What names a version's file so a person browsing their Drive recognises it. */
export interface VersionMeta {
  readonly threadId: string;
  readonly versionId: string;
  /** Epoch ms when the version was made (or replaced). */
  readonly at: number;
  /** The presentation's or document's title. */
  readonly documentName?: string;
  /** Where the image is, e.g. "The selected image on slide 3". */
  readonly label?: string;
}

/** The port the edit flow keeps versions through. Synchronous, as Apps Script is. */
export interface VersionStore {
  put(image: VersionUpload, meta: VersionMeta): { file: string };
  /** Throws VERSION_UNAVAILABLE when the caller cannot reach the file (it is another user's, or gone). */
  get(file: string): VersionImage;
  /** Moves the file to its owner's trash; a file already gone is not an error. */
  trash(file: string): void;
}

export const DRIVE_API = 'https://www.googleapis.com/drive/v3';
export const DRIVE_UPLOAD_API = 'https://www.googleapis.com/upload/drive/v3';
export const FOLDER_NAME = 'Peel versions';
export const FOLDER_MIME = 'application/vnd.google-apps.folder';

/**
 * A multipart/related body whose media part is bytes already, or base64 the adapter turns to bytes
 * (Utilities.base64Decode): decoding megabytes in plain JavaScript would waste the execution's time. `head` and
 * `tail` are ASCII.
 */
export type MultipartBody = {
  readonly kind: 'multipart';
  readonly boundary: string;
  readonly head: string;
  readonly tail: string;
} & ({ readonly base64: string } | { readonly bytes: readonly number[] });

export interface DriveRequest {
  readonly method: 'get' | 'post' | 'patch';
  readonly url: string;
  /** JSON text, or the multipart upload. */
  readonly body?: string | MultipartBody;
}

export type DriveResponse =
  | {
      readonly kind: 'response';
      readonly status: number;
      /** May be fetched when first read: only a download needs it, and on Apps Script it is one more call. */
      readonly contentType: string | null;
      /** The body as text (JSON answers, errors). */
      text(): string;
      /** The body's bytes as base64 (alt=media). */
      base64(): string;
    }
  | { readonly kind: 'failure'; readonly message: string };

/** Drive's REST API with the caller's token: the adapter adds the Authorization header. */
export interface DriveHttp {
  send(request: DriveRequest): DriveResponse;
}

/** Where the id of the user's "Peel versions" folder is remembered (their user properties). */
export interface FolderMemory {
  get(): string | null;
  set(id: string | null): void;
}

/** Escapes everything outside printable ASCII, so the body's text parts are ASCII whatever a title holds. */
export function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[\u007f-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** A boundary that cannot occur in the ASCII parts and, at 40 random characters, not plausibly in the image. */
export function makeBoundary(random: () => number = Math.random): string {
  const chars = 'abcdefghijklmnopqrstuvwxyz0123456789';
  let out = 'peel_';
  for (let i = 0; i < 40; i++) out += chars.charAt(Math.floor(random() * chars.length));
  return out;
}

/** Drive's multipart upload: the metadata part (JSON), then the media part. */
export function multipartBody(metadata: object, image: VersionUpload, boundary = makeBoundary()): MultipartBody {
  const head =
    `--${boundary}\r\nContent-Type: application/json; charset=UTF-8\r\n\r\n${asciiJson(metadata)}\r\n` +
    `--${boundary}\r\nContent-Type: ${image.mimeType}\r\n\r\n`;
  const media = 'bytes' in image ? { bytes: image.bytes } : { base64: image.base64 };
  return { kind: 'multipart', boundary, head, ...media, tail: `\r\n--${boundary}--\r\n` };
}

const EXTENSIONS: Readonly<Record<string, string>> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'image/webp': 'webp',
};

function stamp(at: number): string {
  // UTC, said so: the script's time zone is the deployer's, not the reader's.
  return `${new Date(at).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** e.g. "Quarterly review – the selected image on slide 3 – 2026-11-30 16:12 UTC.png" */
export function versionFileName(meta: VersionMeta, mimeType: string): string {
  const title = (meta.documentName ?? '').trim().slice(0, 80) || 'Untitled';
  const label = (meta.label ?? '').trim().slice(0, 80);
  const where = label ? ` – ${label.charAt(0).toLowerCase()}${label.slice(1)}` : '';
  return `${title}${where} – ${stamp(meta.at)}.${EXTENSIONS[mimeType] ?? 'img'}`;
}

interface DriveErrorBody {
  error?: { code?: number; message?: string; status?: string; errors?: { reason?: string; message?: string }[] };
}

function parseError(text: string): { message: string; reasons: string[]; status: string } {
  try {
    const body = JSON.parse(text) as DriveErrorBody;
    return {
      message: body.error?.message ?? '',
      reasons: (body.error?.errors ?? []).map((e) => e.reason ?? ''),
      status: body.error?.status ?? '',
    };
  } catch {
    return { message: text.slice(0, 200), reasons: [], status: '' };
  }
}

/** What the request was for: a 404 means a version is unreachable only when it names a version's file. */
export type DriveOperation = 'read-version' | 'trash-version' | 'folder' | 'upload';

const RATE_REASONS = new Set(['userRateLimitExceeded', 'rateLimitExceeded', 'dailyLimitExceeded']);
/** 403s that mean "this user, with this app's grant, may not open that file". */
const NO_ACCESS_REASONS = new Set(['insufficientFilePermissions', 'appNotAuthorizedToFile', 'forbidden']);

/**
 * Drive's error answers as Peel's errors. Drive answers 404 "File not found" both for a deleted file and for
 * one the caller may not see (another user's `drive.file` file), so for a version either means unavailable.
 *
 * Drive's own words stay in the error's message, for the log, and never become its detail: they name file ids
 * ("File not found: 1AbC…") and speak Drive's language, and each code's sentence already says what happened.
 */
export function driveError(status: number, text: string, operation: DriveOperation): PeelError {
  const { message, reasons, status: rpcStatus } = parseError(text);
  const details = { status, ...(reasons[0] ? { reason: reasons[0] } : {}) };
  const said = `Drive answered ${status}${rpcStatus ? ` ${rpcStatus}` : ''}: ${message}`;
  const versionFile = operation === 'read-version' || operation === 'trash-version';
  if (status === 403 && (reasons.includes('insufficientPermissions') || /scope/i.test(message))) {
    // The person's grant lacks drive.file (granular consent): Google's consent page for it is the fix.
    return new PeelError('DRIVE_NOT_AUTHORIZED', `Drive refused the token's scopes: ${said}`, {
      ...details,
      scope: DRIVE_FILE_SCOPE,
      ...neededFor(DRIVE_FILE_SCOPE),
    });
  }
  if (status === 401) return new PeelError('DRIVE_NOT_AUTHORIZED', `Drive refused the token: ${said}`, details);
  if (status === 403 && reasons.includes('storageQuotaExceeded')) {
    return new PeelError('DRIVE_FULL', `Drive storage quota exceeded: ${said}`, details);
  }
  if (status === 429 || status >= 500 || (status === 403 && reasons.some((r) => RATE_REASONS.has(r)))) {
    return new PeelError('DRIVE_UNAVAILABLE', said, details);
  }
  if (versionFile && (status === 404 || (status === 403 && reasons.some((r) => NO_ACCESS_REASONS.has(r))))) {
    return new PeelError('VERSION_UNAVAILABLE', `For a version's file: ${said}`, details);
  }
  // Anything else is a request Peel should not have sent.
  return new PeelError('INTERNAL', said, details);
}

type Answer = Extract<DriveResponse, { kind: 'response' }>;

/** Sends, and turns "no answer at all" (deadline, network, allowlist) into DRIVE_UNAVAILABLE. */
function send(http: DriveHttp, request: DriveRequest): Answer {
  const response = http.send(request);
  if (response.kind === 'failure') {
    // UrlFetchApp's words name the address, and with it the file id: for the log only.
    throw new PeelError('DRIVE_UNAVAILABLE', `Drive could not be reached: ${response.message}`);
  }
  return response;
}

function json<T>(response: Answer): T {
  try {
    return JSON.parse(response.text()) as T;
  } catch {
    throw new PeelError('DRIVE_UNAVAILABLE', 'Drive sent an answer Peel could not read');
  }
}

/** Drive's query language quotes strings in single quotes with backslash escapes. */
function quoted(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** The VersionStore over Drive REST v3. */
export class DriveVersionStore implements VersionStore {
  constructor(
    private readonly http: DriveHttp,
    private readonly folder: FolderMemory,
  ) {}

  put(image: VersionUpload, meta: VersionMeta): { file: string } {
    const remembered = this.folder.get();
    const parent = remembered ?? this.findOrCreateFolder();
    const first = this.upload(image, meta, parent);
    if (first.kind === 'created') return { file: first.id };
    // The remembered folder was deleted or trashed since: find or make it again, once.
    this.folder.set(null);
    const again = this.upload(image, meta, this.findOrCreateFolder());
    if (again.kind === 'created') return { file: again.id };
    throw driveError(again.status, again.text, 'upload');
  }

  get(file: string): VersionImage {
    const response = send(this.http, {
      method: 'get',
      url: `${DRIVE_API}/files/${encodeURIComponent(file)}?alt=media`,
    });
    if (response.status !== 200) throw driveError(response.status, response.text(), 'read-version');
    const mimeType = (response.contentType ?? '').split(';')[0]?.trim() || 'application/octet-stream';
    return { mimeType, base64: response.base64() };
  }

  trash(file: string): void {
    const response = send(this.http, {
      method: 'patch',
      url: `${DRIVE_API}/files/${encodeURIComponent(file)}?fields=id`,
      body: JSON.stringify({ trashed: true }),
    });
    if (response.status === 200) return;
    const error = driveError(response.status, response.text(), 'trash-version');
    // Already gone (or never ours to trash): nothing left to clean up.
    if (error.code === 'VERSION_UNAVAILABLE') return;
    throw error;
  }

  private upload(
    image: VersionUpload,
    meta: VersionMeta,
    parent: string,
  ): { kind: 'created'; id: string } | { kind: 'parent-missing'; status: number; text: string } {
    const metadata = {
      name: versionFileName(meta, image.mimeType),
      mimeType: image.mimeType,
      parents: [parent],
      description: 'A version of an image Peel replaced. Peel restores it from here; deleting it removes it.',
      // Machine-readable ties, out of the name a person reads.
      appProperties: { peelThread: meta.threadId, peelVersion: meta.versionId },
    };
    const response = send(this.http, {
      method: 'post',
      url: `${DRIVE_UPLOAD_API}/files?uploadType=multipart&fields=id`,
      body: multipartBody(metadata, image),
    });
    if (response.status === 200) return { kind: 'created', id: json<{ id: string }>(response).id };
    // Drive names the missing parent in a 404: the folder, since the file does not exist yet.
    if (response.status === 404) return { kind: 'parent-missing', status: 404, text: response.text() };
    throw driveError(response.status, response.text(), 'upload');
  }

  /** The user's "Peel versions" folder: under drive.file, files.list sees only folders Peel made. */
  private findOrCreateFolder(): string {
    const q = `name = ${quoted(FOLDER_NAME)} and mimeType = ${quoted(FOLDER_MIME)} and trashed = false`;
    const listed = send(this.http, {
      method: 'get',
      url: `${DRIVE_API}/files?q=${encodeURIComponent(q)}&fields=${encodeURIComponent('files(id)')}&pageSize=1`,
    });
    if (listed.status !== 200) throw driveError(listed.status, listed.text(), 'folder');
    const found = json<{ files?: { id: string }[] }>(listed).files?.[0]?.id;
    if (found) {
      this.folder.set(found);
      return found;
    }
    const created = send(this.http, {
      method: 'post',
      url: `${DRIVE_API}/files?fields=id`,
      body: JSON.stringify({ name: FOLDER_NAME, mimeType: FOLDER_MIME }),
    });
    if (created.status !== 200) throw driveError(created.status, created.text(), 'folder');
    const id = json<{ id: string }>(created).id;
    this.folder.set(id);
    return id;
  }
}
