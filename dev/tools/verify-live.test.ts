/**
 * `npm run verify:live -- --emulator`, as CI runs it: every flow that calls Gemini, through the real bundle,
 * against the emulator; and without --yes, nothing is sent to Google.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { cheapestModel, IMAGES, verifyLive } from './verify-live';

const ROOT = path.resolve(import.meta.dirname, '../..');

it('runs generate, two edit turns, a blend, a style transfer and a two-slide job, and writes a report', async () => {
  const out = await mkdtemp(path.join(tmpdir(), 'peel-verify-test-'));
  const report = await verifyLive({ emulator: true, dist: path.join(ROOT, 'dist'), out });
  expect(report.steps.map((s) => [s.name, s.ok, s.error])).toEqual(
    ['generate', 'edit turn 1', 'edit turn 2', 'blend', 'style transfer', 'deck job item 1', 'deck job item 2'].map(
      (name) => [name, true, undefined],
    ),
  );
  expect(report.steps).toHaveLength(IMAGES);
  for (const step of report.steps) expect(existsSync(path.join(out, step.image ?? 'none'))).toBe(true);
  // The emulator's edits are thinking-model answers: the first turn's signature is kept for the second.
  expect(report.steps[1]?.note).toMatch(/signature is held/);
  const gemini = report.requests.filter((r) => r.url.includes(':generateContent'));
  expect(gemini).toHaveLength(IMAGES);
  expect(gemini.every((r) => r.status === 200 && r.requestBytes > 0 && r.responseBytes > 0)).toBe(true);
  expect(report.estimatedUsd).toBeCloseTo(cheapestModel(Date.now()).usd * IMAGES, 6);
  const md = await readFile(path.join(out, 'report.md'), 'utf8');
  expect(md).toContain('the local emulator, no cost');
  expect(md).not.toMatch(/AIza|key=[^…]/);
}, 120_000);

it('without --yes it states the cost and sends nothing', () => {
  const said = execFileSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'dev/tools/verify-live.ts')], {
    cwd: ROOT,
    env: { ...process.env, GEMINI_API_KEY: 'AIzaSyNotUsedNotUsedNotUsedNotUsed0000' },
    encoding: 'utf8',
  });
  expect(said).toMatch(/^7 images on .+: about \$\d+\.\d\d at Google's list price\./);
  expect(said).toContain('Nothing was sent. Run again with --yes');
}, 60_000);
