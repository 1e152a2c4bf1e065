/**
 * A stand-in for the parts of Drive REST v3 Peel calls, in memory per World: multipart upload, files.create
 * (the folder), files.list, files.get (metadata and `alt=media`) and files.update (trash). UrlFetchApp routes
 * `https://www.googleapis.com/drive/v3/` and `…/upload/drive/v3/` here (see driveRoutes), the way Gemini's hosts
 * are rewritten to the emulator; the allowlist still sees the URL the script asked for.
 *
 * Callers authenticate with the runtime's fake OAuth token (script.ts fakeOAuthToken): the runtime signs each
 * execution's user in. `drive.file` is modelled as "only the user who created a file can see it": another user
 * gets Drive's 404 "File not found", as Drive answers for a file one may not see. Whether a real collaborator's
 * drive.file grant reaches a file another user made and shared is not known (README: things to verify).
 *
 * Error bodies follow Drive's JSON shape and texts for 401, 403 and 404; the 400 texts for malformed uploads are
 * inferred.
 */
import { randomBytes } from 'node:crypto';
import { fakeOAuthToken } from './script';

export const FOLDER_MIME = 'application/vnd.google-apps.folder';

export interface DriveFileRecord {
  id: string;
  name: string;
  mimeType: string;
  parents: string[];
  /** The user (email) who created it: under drive.file, the only one who can see it here. */
  owner: string;
  trashed: boolean;
  description?: string;
  appProperties?: Record<string, string>;
  createdTime: string;
  modifiedTime: string;
  /** The content, base64 (none for folders). */
  data?: string;
}

export interface DriveJSON {
  files: DriveFileRecord[];
}

export interface LocalCall {
  readonly method: string;
  /** The URL the script asked for. */
  readonly url: string;
  readonly headers: Headers;
  readonly body: Uint8Array | null;
}

export interface LocalAnswer {
  readonly status: number;
  readonly headers: [string, string][];
  readonly body: Uint8Array;
}

/** A URL prefix answered in this process instead of over the network. */
export interface LocalRoute {
  readonly from: string;
  readonly name: string;
  handle(call: LocalCall): LocalAnswer;
}

export const DRIVE_PREFIX = 'https://www.googleapis.com/drive/v3/';
export const DRIVE_UPLOAD_PREFIX = 'https://www.googleapis.com/upload/drive/v3/';

function jsonAnswer(status: number, value: unknown): LocalAnswer {
  return {
    status,
    headers: [['content-type', 'application/json; charset=UTF-8']],
    body: new Uint8Array(Buffer.from(JSON.stringify(value, null, 2), 'utf8')),
  };
}

/** Drive's error envelope: `error.errors[]` with domain and reason, as v3 still sends it. */
function driveError(
  code: number,
  message: string,
  reason: string,
  extra: { location?: string; locationType?: string; status?: string } = {},
): LocalAnswer {
  const { status, ...where } = extra;
  return jsonAnswer(code, {
    error: {
      code,
      message,
      errors: [
        { message: reason === 'authError' ? 'Invalid Credentials' : message, domain: 'global', reason, ...where },
      ],
      ...(status ? { status } : {}),
    },
  });
}

const UNAUTHENTICATED = () =>
  driveError(
    401,
    'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.',
    'authError',
    { location: 'Authorization', locationType: 'header', status: 'UNAUTHENTICATED' },
  );

/**
 * A token whose grant lacks every Drive scope the method accepts: Google APIs' 403 for it (reason
 * ACCESS_TOKEN_SCOPE_INSUFFICIENT in the error's details; Drive's legacy `errors` list says insufficientPermissions).
 */
const SCOPE_INSUFFICIENT = () =>
  jsonAnswer(403, {
    error: {
      code: 403,
      message: 'Request had insufficient authentication scopes.',
      errors: [{ message: 'Insufficient Permission', domain: 'global', reason: 'insufficientPermissions' }],
      status: 'PERMISSION_DENIED',
      details: [
        {
          '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
          reason: 'ACCESS_TOKEN_SCOPE_INSUFFICIENT',
          domain: 'googleapis.com',
          metadata: { service: 'drive.googleapis.com', method: 'google.apps.drive.v3.DriveFiles.Create' },
        },
      ],
    },
  });

const notFound = (id: string) =>
  driveError(404, `File not found: ${id}.`, 'notFound', { location: 'fileId', locationType: 'parameter' });

const invalid = (message: string, location: string) =>
  driveError(400, message, 'invalid', { location, locationType: 'parameter' });

const DEFAULT_FIELDS = ['kind', 'id', 'name', 'mimeType'];

function resource(file: DriveFileRecord): Record<string, unknown> {
  return {
    kind: 'drive#file',
    id: file.id,
    name: file.name,
    mimeType: file.mimeType,
    parents: file.parents,
    trashed: file.trashed,
    createdTime: file.createdTime,
    modifiedTime: file.modifiedTime,
    ...(file.description !== undefined ? { description: file.description } : {}),
    ...(file.appProperties ? { appProperties: file.appProperties } : {}),
    ...(file.data !== undefined ? { size: String(Buffer.from(file.data, 'base64').byteLength) } : {}),
    owners: [{ kind: 'drive#user', emailAddress: file.owner, me: true }],
  };
}

function pick(value: Record<string, unknown>, fields: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(fields.filter((f) => f in value).map((f) => [f, value[f]]));
}

/** `fields=id,name` → ['id','name']; `files(id,name)` → the list's item fields. */
function fieldList(param: string | null, within?: string): string[] | null {
  if (param === null) return null;
  if (within) {
    const inner = new RegExp(`${within}\\(([^)]*)\\)`).exec(param)?.[1];
    return inner === undefined ? null : inner.split(',').map((f) => f.trim());
  }
  return param.split(',').map((f) => f.trim());
}

type Clause = (file: DriveFileRecord) => boolean;

/** The slice of Drive's query language Peel uses: `and` of name/mimeType equality, trashed, `'id' in parents`. */
function parseQuery(q: string): Clause[] | null {
  const clauses: Clause[] = [];
  const literal = String.raw`'((?:[^'\\]|\\.)*)'`;
  const unquote = (s: string) => s.replace(/\\(.)/g, '$1');
  for (const part of q.split(/\s+and\s+/)) {
    const text = part.trim();
    let m = new RegExp(`^(name|mimeType)\\s*=\\s*${literal}$`).exec(text);
    if (m) {
      const [, field, value] = m as unknown as [string, 'name' | 'mimeType', string];
      clauses.push((f) => f[field] === unquote(value));
      continue;
    }
    m = /^trashed\s*=\s*(true|false)$/.exec(text);
    if (m) {
      const want = m[1] === 'true';
      clauses.push((f) => f.trashed === want);
      continue;
    }
    m = new RegExp(`^${literal}\\s+in\\s+parents$`).exec(text);
    if (m) {
      const parent = unquote(m[1] ?? '');
      clauses.push((f) => f.parents.includes(parent));
      continue;
    }
    return null;
  }
  return clauses;
}

interface Part {
  readonly contentType: string;
  readonly body: Buffer;
}

/** multipart/related as Drive's upload reads it: exactly the metadata part and the media part. */
function parseMultipart(contentType: string, body: Uint8Array): Part[] | null {
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
  if (!boundary) return null;
  const data = Buffer.from(body);
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: Part[] = [];
  let at = data.indexOf(delimiter);
  if (at < 0) return null;
  for (;;) {
    at += delimiter.length;
    if (data.subarray(at, at + 2).toString() === '--') break;
    const next = data.indexOf(delimiter, at);
    if (next < 0) return null;
    // Each part: CRLF, headers, a blank line, the content, CRLF before the next delimiter.
    const chunk = data.subarray(at + 2, next - 2);
    const split = chunk.indexOf('\r\n\r\n');
    if (split < 0) return null;
    const headers = chunk.subarray(0, split).toString('latin1');
    const type = /^content-type:\s*(.+)$/im.exec(headers)?.[1]?.trim() ?? 'application/octet-stream';
    parts.push({ contentType: type, body: chunk.subarray(split + 4) });
    at = next;
  }
  return parts;
}

function newId(): string {
  return `1${randomBytes(24).toString('base64url').slice(0, 32)}`;
}

export class DriveStandIn {
  private readonly files = new Map<string, DriveFileRecord>();
  private readonly accounts = new Map<string, string>();

  constructor(
    json?: Partial<DriveJSON>,
    private readonly now: () => number = Date.now,
    /** Whether the user granted drive.file: a token without it is refused 403 (granular consent). */
    private readonly hasDriveScope: (user: string) => boolean = () => true,
  ) {
    for (const file of json?.files ?? []) this.files.set(file.id, { ...file });
  }

  /** Makes `user`'s fake OAuth token valid here; returns it. */
  signIn(user: string): string {
    const token = fakeOAuthToken(user);
    this.accounts.set(token, user);
    return token;
  }

  /** Every file, for the workbench and tests (a person browsing the emulated Drives). */
  list(): readonly DriveFileRecord[] {
    return [...this.files.values()];
  }

  toJSON(): DriveJSON {
    return { files: this.list().map((f) => ({ ...f })) };
  }

  handle(call: LocalCall): LocalAnswer {
    const user = this.user(call.headers.get('authorization'));
    if (!user) return UNAUTHENTICATED();
    if (!this.hasDriveScope(user)) return SCOPE_INSUFFICIENT();
    const url = new URL(call.url);
    const method = call.method.toUpperCase();
    const upload = call.url.startsWith(DRIVE_UPLOAD_PREFIX);
    const path = url.pathname.replace(upload ? /^\/upload\/drive\/v3/ : /^\/drive\/v3/, '');
    const fields = url.searchParams.get('fields');
    if (path === '/files' && method === 'POST') return this.create(user, call, url, upload, fields);
    if (path === '/files' && method === 'GET' && !upload) return this.listFiles(user, url);
    const one = /^\/files\/([^/]+)$/.exec(path);
    if (one && !upload) {
      const id = decodeURIComponent(one[1] ?? '');
      const file = this.files.get(id);
      // drive.file: a file another user created is one this user's grant cannot see.
      if (!file || file.owner !== user) return notFound(id);
      if (method === 'GET') return this.read(file, url, fields);
      if (method === 'PATCH') return this.update(file, call, fields);
    }
    return driveError(404, 'Not Found', 'notFound');
  }

  private user(authorization: string | null): string | null {
    const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
    return token ? (this.accounts.get(token) ?? null) : null;
  }

  private respond(file: DriveFileRecord, fields: string | null): LocalAnswer {
    return jsonAnswer(200, pick(resource(file), fieldList(fields) ?? DEFAULT_FIELDS));
  }

  private metadataOf(call: LocalCall): Record<string, unknown> | null {
    if (!call.body || call.body.byteLength === 0) return {};
    try {
      const value: unknown = JSON.parse(Buffer.from(call.body).toString('utf8'));
      return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null;
    } catch {
      return null;
    }
  }

  private create(user: string, call: LocalCall, url: URL, upload: boolean, fields: string | null): LocalAnswer {
    let metadata: Record<string, unknown> | null;
    let content: Part | null = null;
    if (upload) {
      if (url.searchParams.get('uploadType') !== 'multipart') {
        return invalid('Invalid Value', 'uploadType');
      }
      const parts = parseMultipart(call.headers.get('content-type') ?? '', call.body ?? new Uint8Array());
      if (parts?.length !== 2) return driveError(400, 'Malformed multipart body.', 'badContent');
      try {
        metadata = JSON.parse((parts[0] as Part).body.toString('utf8')) as Record<string, unknown>;
      } catch {
        return driveError(400, 'Malformed multipart body.', 'badContent');
      }
      content = parts[1] as Part;
    } else {
      metadata = this.metadataOf(call);
      if (!metadata) return driveError(400, 'Invalid JSON payload received.', 'parseError');
    }
    const parents = Array.isArray(metadata.parents) ? metadata.parents.map(String) : [];
    for (const parent of parents) {
      const folder = this.files.get(parent);
      if (!folder || folder.owner !== user) return notFound(parent);
    }
    const stamp = new Date(this.now()).toISOString();
    const mimeType =
      typeof metadata.mimeType === 'string' ? metadata.mimeType : (content?.contentType ?? 'application/octet-stream');
    const file: DriveFileRecord = {
      id: newId(),
      name: typeof metadata.name === 'string' ? metadata.name : 'Untitled',
      mimeType,
      parents: parents.length > 0 ? parents : ['root'],
      owner: user,
      trashed: false,
      createdTime: stamp,
      modifiedTime: stamp,
      ...(typeof metadata.description === 'string' ? { description: metadata.description } : {}),
      ...(typeof metadata.appProperties === 'object' && metadata.appProperties !== null
        ? { appProperties: metadata.appProperties as Record<string, string> }
        : {}),
      ...(content ? { data: content.body.toString('base64') } : {}),
    };
    this.files.set(file.id, file);
    return this.respond(file, fields);
  }

  private listFiles(user: string, url: URL): LocalAnswer {
    const q = url.searchParams.get('q');
    const clauses = q === null ? [] : parseQuery(q);
    if (!clauses) return invalid('Invalid Value', 'q');
    const pageSize = Number(url.searchParams.get('pageSize') ?? 100);
    const matches = this.list()
      .filter((f) => f.owner === user && clauses.every((c) => c(f)))
      .slice(0, Math.max(1, Math.min(1000, pageSize)));
    const itemFields = fieldList(url.searchParams.get('fields'), 'files') ?? DEFAULT_FIELDS;
    return jsonAnswer(200, {
      kind: 'drive#fileList',
      incompleteSearch: false,
      files: matches.map((f) => pick(resource(f), itemFields)),
    });
  }

  private read(file: DriveFileRecord, url: URL, fields: string | null): LocalAnswer {
    if (url.searchParams.get('alt') !== 'media') return this.respond(file, fields);
    if (file.data === undefined) {
      return driveError(
        403,
        'Only files with binary content can be downloaded. Use Export with Docs Editors files.',
        'fileNotDownloadable',
        { location: 'alt', locationType: 'parameter' },
      );
    }
    return {
      status: 200,
      headers: [['content-type', file.mimeType]],
      body: new Uint8Array(Buffer.from(file.data, 'base64')),
    };
  }

  private update(file: DriveFileRecord, call: LocalCall, fields: string | null): LocalAnswer {
    const metadata = this.metadataOf(call);
    if (!metadata) return driveError(400, 'Invalid JSON payload received.', 'parseError');
    if (typeof metadata.trashed === 'boolean') file.trashed = metadata.trashed;
    if (typeof metadata.name === 'string') file.name = metadata.name;
    file.modifiedTime = new Date(this.now()).toISOString();
    return this.respond(file, fields);
  }
}

/** Drive's hosts answered by `drive` (a World's stand-in), as geminiRewrites sends Gemini to the emulator. */
export function driveRoutes(drive: DriveStandIn): LocalRoute[] {
  const handle = (call: LocalCall) => drive.handle(call);
  return [
    { from: DRIVE_UPLOAD_PREFIX, name: 'local Drive', handle },
    { from: DRIVE_PREFIX, name: 'local Drive', handle },
  ];
}
