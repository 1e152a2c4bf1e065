import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Ajv from 'ajv';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildManifest, VERTEX_SCOPE, VERTEX_URL_PREFIX } from '../../build/build';

const root = path.resolve(import.meta.dirname, '../..');
const schemaPath = path.resolve(root, '../shared/reference/appsscript.schema.json');

const NARROW_SCOPES = [
  'https://www.googleapis.com/auth/presentations.currentonly',
  'https://www.googleapis.com/auth/documents.currentonly',
  'https://www.googleapis.com/auth/script.container.ui',
  'https://www.googleapis.com/auth/script.external_request',
];

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

      it('allows fetches only to the Gemini endpoints', () => {
        const allowlist = manifest.urlFetchWhitelist ?? [];
        expect(allowlist).toContain('https://generativelanguage.googleapis.com/');
        expect(allowlist.includes(VERTEX_URL_PREFIX)).toBe(vertex);
        expect(allowlist).toHaveLength(vertex ? 2 : 1);
        expect(allowlistProblems(allowlist)).toEqual([]);
      });
    });
  }

  it('the schema check can fail: an unknown runtime is rejected', () => {
    expect(validate({ runtimeVersion: 'RHINO2' })).toBe(false);
  });

  it('the allowlist check can fail', () => {
    expect(allowlistProblems(['https://generativelanguage.googleapis.com', 'http://example.com/'])).toHaveLength(2);
  });
});
