import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const tsc = path.join(root, 'node_modules/typescript/bin/tsc');

/**
 * Type-checks one sidebar file with the sidebar's compiler settings. The check file lives in a temporary
 * folder inside the repository so that module resolution and the settings are exactly the sidebar's.
 */
async function typecheckSidebarSnippet(body: string): Promise<{ ok: boolean; output: string }> {
  await mkdir(path.join(root, '.tsbuild'), { recursive: true });
  const dir = await mkdtemp(path.join(root, '.tsbuild', 'boundary-'));
  await writeFile(
    path.join(dir, 'snippet.ts'),
    `import { createServer } from '../../sidebar/rpc';\nconst server = createServer();\n${body}\n`,
  );
  await writeFile(
    path.join(dir, 'tsconfig.json'),
    JSON.stringify({
      extends: '../../tsconfig.sidebar.json',
      compilerOptions: { composite: false, noEmit: true, emitDeclarationOnly: false, rootDir: '../..' },
      include: ['snippet.ts'],
      // `references` is not inherited through `extends`; without it the server's sources would be
      // type-checked with the sidebar's (Apps Script-free) settings instead of read as declarations.
      references: [{ path: '../../tsconfig.server.json' }],
    }),
  );
  try {
    await promisify(execFile)(process.execPath, [tsc, '-b', path.join(dir, 'tsconfig.json')], { cwd: root });
    return { ok: true, output: '' };
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    return { ok: false, output: stdout + stderr };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe('the sidebar’s typed client', () => {
  it('accepts a call to a function the server exports, with its return type', async () => {
    const result = await typecheckSidebarSnippet(
      "export const host: Promise<'slides' | 'docs'> = server.getSidebarContext().then((c) => c.host);",
    );
    expect(result.output).toBe('');
    expect(result.ok).toBe(true);
  });

  it('rejects a misspelled server call', async () => {
    const result = await typecheckSidebarSnippet('export const p = server.getSidebarContxt();');
    expect(result.ok).toBe(false);
    expect(result.output).toMatch(/getSidebarContxt/);
  });

  it('rejects wrong arguments', async () => {
    const result = await typecheckSidebarSnippet('export const p = server.getSidebarContext(42);');
    expect(result.ok).toBe(false);
    expect(result.output).toMatch(/TS2554|Expected 0 arguments/);
  });
});
