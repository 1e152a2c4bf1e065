import { describe, expect, it } from 'vitest';
import { typecheckSnippet } from './snippet';

/**
 * Type-checks one sidebar file with the sidebar's settings, reading the server's sources as declarations (without
 * the reference they would be checked with the sidebar's Apps Script-free settings).
 */
const typecheckSidebarSnippet = (body: string) =>
  typecheckSnippet(
    'sidebar',
    `import { createServer } from '../../sidebar/kernel/rpc';\nconst server = createServer();\n${body}`,
    ['tsconfig.server.json'],
  );

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
