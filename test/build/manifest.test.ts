import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Ajv from 'ajv';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildManifest, parseArgs, VERTEX_SCOPE, VERTEX_URL_PREFIX, vertexUrlPrefix } from '../../build/build';
import { generateContentUrl } from '../../src/core/gemini/endpoint';
import { DRIVE_API, DRIVE_UPLOAD_API } from '../../src/core/versions';

const root = path.resolve(import.meta.dirname, '../..');
const schemaPath = path.resolve(root, '../shared/reference/appsscript.schema.json');

const NARROW_SCOPES = [
  'https://www.googleapis.com/auth/presentations.currentonly',
  'https://www.googleapis.com/auth/documents.currentonly',
  'https://www.googleapis.com/auth/script.container.ui',
  'https://www.googleapis.com/auth/script.external_request',
  // Versions in the user's Drive: only files Peel creates (non-sensitive; README, Configuration).
  'https://www.googleapis.com/auth/drive.file',
  // The person's address, read only where an organization allows jobs for a list of people (README, policy).
  'https://www.googleapis.com/auth/userinfo.email',
];

/** Drive's metadata and upload paths only, not every API on www.googleapis.com. */
const DRIVE_PREFIXES = ['https://www.googleapis.com/drive/v3/', 'https://www.googleapis.com/upload/drive/v3/'];

type Manifest = Record<string, unknown> & { oauthScopes?: string[]; urlFetchWhitelist?: string[] };

// The schema declares urlFetchWhitelist items as `format: hostname`, but real entries are URL prefixes
// (shared/reference/README.md), so formats are not validated; the prefix rules are checked below instead.
async function schemaValidator() {
  const schema = JSON.parse(await readFile(schemaPath, 'utf8')) as object;
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  return ajv.compile(schema);
}

/** Apps Script's allowlist rules: https only, a full domain, a non-empty path. */
function allowlistProblems(entries: readonly string[]): string[] {
  return entries.flatMap((entry) => {
    const match = /^https:\/\/(\*\.)?([a-z0-9-]+(\.[a-z0-9-]+)+)(\/.*)$/.exec(entry);
    return match ? [] : [`${entry} is not an https URL prefix with a full domain and a path`];
  });
}

describe('appsscript.json', () => {
  let validate: Awaited<ReturnType<typeof schemaValidator>>;
  beforeAll(async () => {
    validate = await schemaValidator();
  });

  for (const vertex of [false, true]) {
    describe(vertex ? 'Vertex AI build' : 'default build', () => {
      let manifest: Manifest;
      beforeAll(async () => {
        manifest = (await buildManifest(path.join(os.tmpdir(), `peel-manifest-${vertex}`), vertex)) as Manifest;
      });

      it('is valid against the Apps Script manifest schema', () => {
        const valid = validate(manifest);
        expect(validate.errors ?? []).toEqual([]);
        expect(valid).toBe(true);
      });

      it('runs on V8 and is an editor add-on (no Workspace add-on section)', () => {
        expect(manifest.runtimeVersion).toBe('V8');
        expect(manifest).not.toHaveProperty('addOns');
      });

      it('declares exactly the scopes Peel needs', () => {
        expect([...(manifest.oauthScopes ?? [])].sort()).toEqual(
          (vertex ? [...NARROW_SCOPES, VERTEX_SCOPE] : NARROW_SCOPES).sort(),
        );
      });

      it('allows fetches only to the Gemini endpoints and Drive', () => {
        const allowlist = manifest.urlFetchWhitelist ?? [];
        expect(allowlist).toContain('https://generativelanguage.googleapis.com/');
        expect(allowlist.includes(VERTEX_URL_PREFIX)).toBe(vertex);
        for (const prefix of DRIVE_PREFIXES) expect(allowlist).toContain(prefix);
        expect(allowlist).toHaveLength(vertex ? 4 : 3);
        expect(allowlistProblems(allowlist)).toEqual([]);
      });
    });
  }

  describe('Vertex AI in any location: the allowlist admits exactly the host the client calls', () => {
    const forms = [
      ['global', 'https://aiplatform.googleapis.com/'],
      ['us-central1', 'https://us-central1-aiplatform.googleapis.com/'],
      ['europe-west4', 'https://europe-west4-aiplatform.googleapis.com/'],
      ['us', 'https://aiplatform.us.rep.googleapis.com/'],
      ['eu', 'https://aiplatform.eu.rep.googleapis.com/'],
    ] as const;
    for (const [location, host] of forms) {
      it(`${location}: ${host}`, async () => {
        const manifest = (await buildManifest(
          path.join(os.tmpdir(), `peel-manifest-vertex-${location}`),
          true,
          location,
        )) as Manifest;
        expect(validate(manifest)).toBe(true);
        const allowlist = manifest.urlFetchWhitelist ?? [];
        expect(allowlist).toEqual(['https://generativelanguage.googleapis.com/', ...DRIVE_PREFIXES, host]);
        expect(allowlistProblems(allowlist)).toEqual([]);
        const url = generateContentUrl(
          { kind: 'vertex', project: 'acme', location, accessToken: 't' },
          'gemini-3-pro-image',
        );
        // Apps Script matches allowlist entries as URL prefixes.
        expect(url.startsWith(host)).toBe(true);
        expect(url).toContain(`/locations/${location}/`);
        // And no other form's host is admitted.
        for (const [other, otherHost] of forms) {
          if (other !== location) expect(allowlist).not.toContain(otherHost);
        }
      });
    }

    it('the build learns the location from --vertex-location, which implies --vertex', () => {
      expect(parseArgs(['--vertex-location', 'europe-west4'])).toMatchObject({
        vertex: true,
        vertexLocation: 'europe-west4',
      });
      expect(parseArgs(['--vertex'])).toMatchObject({ vertex: true, vertexLocation: 'global' });
      expect(() => parseArgs(['--vertex-location'])).toThrow(/not a Vertex AI location/);
      expect(() => parseArgs(['--vertex-location', 'evil.com/x'])).toThrow(/not a Vertex AI location/);
      expect(() => vertexUrlPrefix('us-central1-')).toThrow();
    });
  });

  it('admits the Drive URLs the versions store calls, as prefixes', () => {
    // Apps Script matches allowlist entries as URL prefixes; the store builds its URLs from these bases.
    expect(`${DRIVE_API}/`).toBe(DRIVE_PREFIXES[0]);
    expect(`${DRIVE_UPLOAD_API}/`).toBe(DRIVE_PREFIXES[1]);
  });

  it('the schema check can fail: an unknown runtime is rejected', () => {
    expect(validate({ runtimeVersion: 'RHINO2' })).toBe(false);
  });

  it('the allowlist check can fail', () => {
    expect(allowlistProblems(['https://generativelanguage.googleapis.com', 'http://example.com/'])).toHaveLength(2);
  });
});
