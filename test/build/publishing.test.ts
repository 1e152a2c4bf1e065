/**
 * docs/publishing.md's scope table is what a publisher copies into the OAuth consent screen and the Marketplace SDK,
 * which must match the manifest exactly: so the table is checked against the manifests the build really makes.
 */
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildManifest, VERTEX_SCOPE } from '../../build/build';

const root = path.resolve(import.meta.dirname, '../..');

interface ScopeRow {
  readonly scope: string;
  readonly builds: string;
  readonly why: string;
}

/** The rows of the table under "## Scopes": a backquoted scope, the builds that ask for it, and why. */
function scopeRows(markdown: string): ScopeRow[] {
  const section = markdown.split(/^## /m).find((part) => part.startsWith('Scopes\n')) ?? '';
  return section
    .split('\n')
    .filter((line) => /^\|\s*`https:\/\//.test(line))
    .map((line) => {
      const cells = line
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim());
      return { scope: (cells[0] ?? '').replace(/`/g, ''), builds: cells[1] ?? '', why: cells[2] ?? '' };
    });
}

const sorted = (items: readonly string[]) => [...items].sort();

describe('docs/publishing.md', () => {
  let rows: ScopeRow[];
  let defaultScopes: string[];
  let vertexScopes: string[];
  beforeAll(async () => {
    rows = scopeRows(await readFile(path.join(root, 'docs/publishing.md'), 'utf8'));
    const out = path.join(os.tmpdir(), 'peel-publishing-manifest');
    defaultScopes = (await buildManifest(path.join(out, 'default'), false)).oauthScopes ?? [];
    vertexScopes = (await buildManifest(path.join(out, 'vertex'), true)).oauthScopes ?? [];
  });

  it('lists each scope once, for a known build, with a one-line reason', () => {
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((row) => row.scope)).size).toBe(rows.length);
    for (const row of rows) {
      expect(['all', '--vertex'], row.scope).toContain(row.builds);
      expect(row.why.length, row.scope).toBeGreaterThan(20);
      expect(row.why, row.scope).toMatch(/\.$/);
    }
  });

  it('names exactly the default build’s manifest scopes as "all"', () => {
    const all = rows.filter((row) => row.builds === 'all').map((row) => row.scope);
    expect(sorted(all)).toEqual(sorted(defaultScopes));
  });

  it('names exactly the --vertex build’s scopes: the default ones and its own', () => {
    expect(sorted(rows.map((row) => row.scope))).toEqual(sorted(vertexScopes));
    expect(rows.filter((row) => row.builds === '--vertex').map((row) => row.scope)).toEqual([VERTEX_SCOPE]);
  });

  it('points at the privacy policy and terms, which exist', async () => {
    const markdown = await readFile(path.join(root, 'docs/publishing.md'), 'utf8');
    for (const doc of ['privacy.md', 'terms.md']) {
      expect(markdown).toContain(`](${doc})`);
      await expect(readFile(path.join(root, 'docs', doc), 'utf8')).resolves.toMatch(/^# Peel /);
    }
  });
});

describe('scopeRows', () => {
  it('reads only the Scopes section’s table rows', () => {
    const markdown = [
      '# T',
      '## Scopes',
      '| Scope | Builds | Why |',
      '| --- | --- | --- |',
      '| `https://a.example/x` | all | Because it must. |',
      '## Assets',
      '| `https://b.example/y` | all | Not a scope row. |',
    ].join('\n');
    expect(scopeRows(markdown)).toEqual([{ scope: 'https://a.example/x', builds: 'all', why: 'Because it must.' }]);
  });
});
