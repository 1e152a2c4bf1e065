import { describe, expect, it } from 'vitest';
import { typecheckSnippet } from './snippet';

/**
 * Core's purity is the compiler's job: `tsconfig.core.json` has no Apps Script, DOM or Node types, so a
 * platform global in src/core fails `npm run typecheck`. This type-checks a snippet with exactly those settings
 * to prove the check bites (and that pure code still passes).
 */
const typecheckCoreSnippet = (body: string) =>
  typecheckSnippet('core', `import { PeelError } from '../../src/core/errors';\n${body}`);

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
