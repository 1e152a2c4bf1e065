import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const root = path.resolve(import.meta.dirname, '../..');
const tsc = path.join(root, 'node_modules/typescript/bin/tsc');

/**
 * Type-checks one file with one of the project's compiler settings (`tsconfig.<settings>.json`). The file lives
 * in a temporary folder inside the repository, so module resolution and the settings are exactly the project's.
 * `references` is not inherited through `extends`: a setting that reads another project's declarations names it.
 */
export async function typecheckSnippet(
  settings: 'core' | 'sidebar',
  code: string,
  references: readonly string[] = [],
): Promise<{ ok: boolean; output: string }> {
  await mkdir(path.join(root, '.tsbuild'), { recursive: true });
  const dir = await mkdtemp(path.join(root, '.tsbuild', `${settings}-`));
  await writeFile(path.join(dir, 'snippet.ts'), `${code}\n`);
  await writeFile(
    path.join(dir, 'tsconfig.json'),
    JSON.stringify({
      extends: `../../tsconfig.${settings}.json`,
      compilerOptions: { composite: false, noEmit: true, emitDeclarationOnly: false, rootDir: '../..' },
      include: ['snippet.ts'],
      ...(references.length > 0 ? { references: references.map((r) => ({ path: `../../${r}` })) } : {}),
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
