/**
 * `npm run deploy [-- TARGET] [--vertex] [--vertex-location LOCATION] [--skip-tests]`: checks, tests, builds, then
 * `clasp push` to one target.
 *
 * A target is a clasp project file, `.clasp.TARGET.json` (git-ignored, default `dev`), chosen with clasp's `-P`
 * flag, so switching between dev and prod never rewrites a tracked file. The tracked `.clasp.json` only
 * records the rootDir for tools such as `clasp show-file-status`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const locationAt = args.indexOf('--vertex-location');
const vertexLocation = locationAt >= 0 ? args[locationAt + 1] : undefined;
// The location is an option's value, not the target.
const target = args.find((a, i) => !a.startsWith('--') && (locationAt < 0 || i !== locationAt + 1)) ?? 'dev';
const vertex = args.includes('--vertex') || vertexLocation !== undefined;
const projectFile = `.clasp.${target}.json`;

function run(command: string, commandArgs: string[]): void {
  console.log(`\n> ${command} ${commandArgs.join(' ')}`);
  const result = spawnSync(command, commandArgs, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

if (!/^[a-z0-9-]+$/.test(target)) {
  console.error(`A target is a short name like dev or prod, not "${target}".`);
  process.exit(2);
}
if (!existsSync(path.join(root, projectFile))) {
  console.error(`No ${projectFile} yet. Create the Apps Script project for "${target}" once:

  echo '{"rootDir": "dist"}' > ${projectFile}
  npx clasp login
  npx clasp -P ${projectFile} create-script --type standalone --title "Peel (${target})" --rootDir dist

Then run npm run deploy -- ${target} again. README.md, "Deploy to your Google account", has the whole walk-through.`);
  process.exit(2);
}

if (!args.includes('--skip-tests')) run('npm', ['test']);
run('npx', [
  'tsx',
  'build/build.ts',
  ...(vertex ? ['--vertex'] : []),
  ...(vertexLocation !== undefined ? ['--vertex-location', vertexLocation] : []),
]);
run('npx', ['clasp', '-P', projectFile, 'push', '--force']);
console.log(`\nPushed dist/ to the "${target}" project. Open it with: npx clasp -P ${projectFile} open-script`);
