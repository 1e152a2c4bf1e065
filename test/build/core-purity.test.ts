import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const tsc = path.join(root, 'node_modules/typescript/bin/tsc');

/**
 * Core's purity is the compiler's job: `tsconfig.core.json` has no Apps Script, DOM or Node types, so a
 * platform global in src/core fails `npm run typecheck`. This type-checks a snippet with exactly those settings
 * to prove the check bites (and that pure code still passes).
 */
async function typecheckCoreSnippet(body: string): Promise<{ ok: boolean; output: string }> {
  await mkdir(path.join(root, '.tsbuild'), { recursive: true });
  const dir = await mkdtemp(path.join(root, '.tsbuild', 'core-'));
  await writeFile(path.join(dir, 'snippet.ts'), `import { PeelError } from '../../src/core/errors';\n${body}\n`);
  await writeFile(
    path.join(dir, 'tsconfig.json'),
    JSON.stringify({
      extends: '../../tsconfig.core.json',
      compilerOptions: { composite: false, noEmit: true, emitDeclarationOnly: false, rootDir: '../..' },
      include: ['snippet.ts'],
    }),
  );
  try {
    await promisify(execFile)(process.execPath, [tsc, '-p', path.join(dir, 'tsconfig.json')], { cwd: root });
    return { ok: true, output: '' };
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    return { ok: false, output: stdout + stderr };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe('src/core is pure by the compiler', () => {
  it('accepts plain TypeScript that uses core', async () => {
    const result = await typecheckCoreSnippet("export const e = new PeelError('BAD_INPUT', 'x');");
    expect(result.output).toBe('');
    expect(result.ok).toBe(true);
  });

  const platform: readonly [string, string][] = [
    ['an Apps Script service', 'export const p = SlidesApp.getActivePresentation();'],
    ['a namespace type from @types/google-apps-script', 'export type B = GoogleAppsScript.Base.Blob;'],
    ['the DOM', "export const d = document.createElement('div');"],
    ['fetch', "export const f = fetch('https://example.com');"],
    ['timers', 'export const t = setTimeout(() => 0, 1);'],
    ['Node', 'export const n = process.env;'],
  ];
  for (const [what, code] of platform) {
    it(`rejects ${what}`, async () => {
      const result = await typecheckCoreSnippet(code);
      expect(result.ok).toBe(false);
      expect(result.output).toMatch(/TS2304|TS2503|TS2580|TS2591|TS2584/);
    });
  }
});
