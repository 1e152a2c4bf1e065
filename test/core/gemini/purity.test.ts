import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../src/core/gemini');

/**
 * What Apps Script's server runtime lacks (research apps-script.md §6), what is newer than its V8 may be, and
 * the Apps Script services core must reach only through ports.
 */
const FORBIDDEN = [
  /\bfetch\s*\(/,
  /\bsetTimeout\b/,
  /\bTextEncoder\b/,
  /\bTextDecoder\b/,
  /\bnew URL\b/,
  /\bURLSearchParams\b/,
  /\batob\b/,
  /\bbtoa\b/,
  /\bstructuredClone\b/,
  /\bBuffer\b/,
  /\brequire\s*\(/,
  /\bprocess\./,
  /\bObject\.hasOwn\b/,
  /\b(UrlFetchApp|PropertiesService|Utilities|ScriptApp|SlidesApp|DocumentApp|Logger)\b/,
];

describe('src/core/gemini stays pure', () => {
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
    it(file, () => {
      const code = readFileSync(path.join(dir, file), 'utf8')
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/\/\/.*$/gm, '')
        // Words in messages are not calls.
        .replace(/'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`/g, "''");
      expect(FORBIDDEN.filter((pattern) => pattern.test(code)).map(String)).toEqual([]);
    });
  }
});
