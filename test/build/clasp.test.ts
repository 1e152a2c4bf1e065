import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

describe('clasp push', () => {
  it('would push exactly the five built files', async () => {
    const clasp = path.join(root, 'node_modules/@google/clasp/build/src/index.js');
    // show-file-status reads .clasp.json and dist/ only; it needs no login and no network.
    const { stdout } = await promisify(execFile)(process.execPath, [clasp, 'show-file-status', '--json'], {
      cwd: root,
    });
    const status = JSON.parse(stdout) as { filesToPush: string[]; untrackedFiles: string[] };
    expect([...status.filesToPush].sort()).toEqual([
      'dist/Code.js',
      'dist/Sidebar.html',
      'dist/SidebarParts.html',
      'dist/SidebarWords.html',
      'dist/appsscript.json',
    ]);
  });
});
