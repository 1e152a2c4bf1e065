/**
 * The local runtime stays true to Apps Script where Peel leans on it. From the built bundle (dist/Code.js and its
 * source map) and the type checker, dev/tools/apps-script-calls.ts finds every Apps Script method Peel calls;
 * this test fails when one is not implemented by the runtime, or has no exercise in fidelity-table.ts asserting
 * what Google documents for it, and prints the coverage.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Fidelity, mappedLines, readFidelity, referenceUrl } from '../../dev/tools/apps-script-calls';
import { Bench } from './fidelity-bench';
import { EXERCISES, type Exercise, GAPS, WITHOUT_A_CLASS } from './fidelity-table';

const ROOT = path.resolve(import.meta.dirname, '../..');
let fidelity: Fidelity;

beforeAll(() => {
  fidelity = readFidelity();
}, 120_000);

/** The line a developer adds to EXERCISES for a newly called method. */
function entryTemplate(key: string): string {
  const method = key.split('.').pop();
  return `  '${key}': (bench) => {\n    // ${referenceUrl(key)}\n    // …call .${method}( on the runtime and expect what Google documents…\n  },`;
}

/** By a runtime class, or by an object the worker builds (its exercise runs a script through the Runtime). */
function implemented(key: string): boolean {
  return fidelity.implementedBy.has(key) || key in WITHOUT_A_CLASS;
}

function calledKeys(): string[] {
  return fidelity.calls.map((call) => call.key);
}

describe('reading the bundle’s source map', () => {
  it('credits each source with the lines it has code from', () => {
    // Every field but the generated column is relative to the segment before, across sources and lines; a
    // one-field segment maps to nothing; `gB` is 16 in base64 VLQ.
    const lines = mappedLines({ sources: ['a.ts', 'b.ts'], mappings: 'AAAA,EAAC;ACAA,AAEA,C,ADDA;;ACgBA' });
    expect(Object.fromEntries([...lines].map(([source, set]) => [source, [...set].sort((x, y) => x - y)]))).toEqual({
      'a.ts': [0, 1],
      'b.ts': [0, 2, 17],
    });
  });
});

describe('the Apps Script methods Peel calls', () => {
  it('are found in the bundle', () => {
    // The checker read the bundle's own sources, and found calls in every layer that talks to Apps Script.
    expect(fidelity.bundleSources).toContain('src/server/platform/slides.ts');
    expect(fidelity.bundleSources).toContain('src/server/platform/docs.ts');
    const services = new Set(fidelity.calls.map((call) => call.service));
    for (const service of ['SlidesApp', 'DocumentApp', 'PropertiesService', 'UrlFetchApp', 'LockService']) {
      expect(services).toContain(service);
    }
    // Sites are in the bundle's sources and nowhere else (not in tests, not in the runtime).
    for (const call of fidelity.calls) {
      for (const site of call.sites) expect(site).toMatch(/^src\//);
    }
  });

  it('are only those in code the bundle contains', async () => {
    // The same build, except that its source map credits lock.ts's code to a file outside src/: as if esbuild
    // had dropped lock.ts, whose calls then stop counting while the same methods called elsewhere still count.
    const dist = await mkdtemp(path.join(os.tmpdir(), 'peel-fidelity-'));
    try {
      const map = JSON.parse(await readFile(path.join(ROOT, 'dist/Code.js.map'), 'utf8')) as { sources: string[] };
      map.sources = map.sources.map((source) =>
        source.endsWith('src/server/platform/lock.ts') ? 'elsewhere/lock.ts' : source,
      );
      await writeFile(path.join(dist, 'Code.js.map'), JSON.stringify(map));
      const without = readFidelity({ dist });
      const sites = (from: Fidelity, key: string) => from.calls.find((call) => call.key === key)?.sites ?? [];
      expect(sites(fidelity, 'LockService.LockService.getDocumentLock')).toEqual([
        expect.stringMatching(/^src\/server\/platform\/lock\.ts:/),
      ]);
      expect(sites(without, 'LockService.LockService.getDocumentLock')).toEqual([]);
      expect(sites(without, 'LockService.Lock.tryLock')).not.toEqual([]);
      expect(sites(without, 'LockService.Lock.tryLock').some((site) => site.includes('/lock.ts:'))).toBe(false);
    } finally {
      await rm(dist, { recursive: true, force: true });
    }
  }, 120_000);

  it('are all implemented by the runtime', () => {
    const missing = fidelity.calls.filter((call) => !implemented(call.key) && !(call.key in GAPS));
    const lines = missing.map(
      (call) =>
        `${call.key} (${referenceUrl(call.key)}), called at ${call.sites.slice(0, 3).join(', ')}` +
        (call.sites.length > 3 ? ` and ${call.sites.length - 3} more` : ''),
    );
    expect(
      missing.map((call) => call.key),
      'Peel calls these Apps Script methods but no class under dev/runtime implements them: add each to the ' +
        'runtime class standing for its Apps Script class (its `implements Pick<GoogleAppsScript.…, …>`), as Google ' +
        `documents it\n\n${lines.join('\n')}\n`,
    ).toEqual([]);
  });

  it('each have an exercise of the runtime in test/contract/fidelity-table.ts', () => {
    const missing = calledKeys().filter((key) => !(key in EXERCISES) && !(key in GAPS));
    expect(
      missing,
      'Peel calls these Apps Script methods and nothing checks the runtime against what Google documents for ' +
        `them: add to EXERCISES in test/contract/fidelity-table.ts\n\n${missing.map(entryTemplate).join('\n')}\n`,
    ).toEqual([]);
  });

  it('are exercised by an entry that calls them', () => {
    const wrong = calledKeys().filter((key) => {
      const exercise = EXERCISES[key];
      const method = key.split('.').pop() ?? '';
      return exercise !== undefined && !exercise.toString().includes(`.${method}(`);
    });
    expect(wrong, 'these entries do not call the method they are filed under').toEqual([]);
  });

  it('are provided without a class only where the exercise runs a real script', () => {
    const unproven = Object.keys(WITHOUT_A_CLASS).filter(
      (key) => fidelity.implementedBy.has(key) || !EXERCISES[key]?.toString().includes('runScript'),
    );
    expect(
      unproven,
      'WITHOUT_A_CLASS is for objects the worker builds; a method a runtime class implements (or one whose ' +
        'exercise does not run a script) does not belong there',
    ).toEqual([]);
  });

  it('read only enum values the runtime gives, printing as their names', () => {
    // Peel compares enum values by name (`String(type) === 'IMAGE'`), as Apps Script's print.
    const bench = new Bench();
    const wrong = fidelity.enumReads
      .filter((read) => {
        const holder = bench.service(read.service) as Record<string, Record<string, unknown> | undefined> | undefined;
        const value = holder?.[read.className]?.[read.method];
        return value === undefined || String(value) !== read.method;
      })
      .map((read) => `${read.key} (read at ${read.sites.join(', ')})`);
    expect(
      wrong,
      'the runtime does not give these enum values (or gives one that does not print as its name): add the enum ' +
        'to the runtime object for its service (and that service to Bench.service if it is not there)',
    ).toEqual([]);
  });

  it('leave no gap open that the runtime has closed', () => {
    const closed = Object.keys(GAPS).filter((key) => implemented(key));
    const unused = Object.keys(GAPS).filter((key) => !calledKeys().includes(key));
    expect(
      closed.map((key) => `${key}: now implemented by ${fidelity.implementedBy.get(key)?.join(', ')}`),
      'the runtime implements these now: replace their GAPS line with an EXERCISES entry',
    ).toEqual([]);
    expect(unused, 'Peel no longer calls these: remove them from GAPS').toEqual([]);
  });
});

describe('each exercise holds against the runtime', () => {
  // One run per exercise, however many methods share it; named after the methods it stands for.
  const byExercise = new Map<Exercise, string[]>();
  for (const [key, exercise] of Object.entries(EXERCISES)) {
    byExercise.set(exercise, [...(byExercise.get(exercise) ?? []), key]);
  }
  for (const [exercise, keys] of byExercise) {
    const name = keys.length > 2 ? `${keys[0]} and ${keys.length - 1} more` : keys.join(', ');
    it(name, async () => {
      await exercise(new Bench());
    });
  }
});

describe('coverage', () => {
  it('prints how much of what Peel calls the runtime implements and exercises', () => {
    const covered = (key: string) => implemented(key) && key in EXERCISES;
    const byService = new Map<string, { covered: number; total: number }>();
    for (const call of fidelity.calls) {
      const figure = byService.get(call.service) ?? { covered: 0, total: 0 };
      figure.total++;
      if (covered(call.key)) figure.covered++;
      byService.set(call.service, figure);
    }
    const classes = new Set(fidelity.calls.map((call) => `${call.service}.${call.className}`));
    const fullClasses = [...classes].filter((cls) =>
      fidelity.calls.filter((call) => `${call.service}.${call.className}` === cls).every((call) => covered(call.key)),
    );
    const total = fidelity.calls.length;
    const done = fidelity.calls.filter((call) => covered(call.key)).length;
    const services = [...byService]
      .sort(([a], [b]) => (a === 'SlidesApp' ? -1 : b === 'SlidesApp' ? 1 : a.localeCompare(b)))
      .map(([service, f]) => `${service} ${f.covered}/${f.total}`);
    const inRuntime = new Set(fidelity.runtime.flatMap((cls) => cls.methods));
    const ofTypes = (service: string) => {
      const all = fidelity.slidesAndDocs.filter((m) => m.service === service);
      return `${all.filter((m) => inRuntime.has(m.key)).length} of ${all.length}`;
    };
    const gaps = Object.keys(GAPS);
    // An entry Peel no longer needs still checks the runtime; it is only named, to be removed when convenient.
    const unneeded = Object.keys(EXERCISES).filter((key) => !calledKeys().includes(key));
    if (unneeded.length > 0) console.log(`fidelity: entries for methods Peel no longer calls: ${unneeded.join(', ')}`);
    console.log(
      `fidelity: ${done} of ${total} Apps Script methods Peel calls are implemented and exercised ` +
        `(${services.join(', ')}); classes touched ${classes.size} (${fullClasses.length} with every called method covered)` +
        `; enum values read ${fidelity.enumReads.length}` +
        `${gaps.length > 0 ? `; open gaps: ${gaps.join(', ')}` : ''}\n` +
        `fidelity: of all the methods @types declares, the runtime implements ${ofTypes('SlidesApp')} SlidesApp ` +
        `and ${ofTypes('DocumentApp')} DocumentApp methods`,
    );
    expect(done + gaps.length).toBe(total);
  });
});
