/**
 * Reads a stack Apps Script logged (Executions, or Cloud Logging) back into Peel's source. dist/Code.js is
 * minified whole, so a logged frame reads `at Xe (Code:1:48211)`; the build's dist/Code.js.map, from the same
 * build as the deployed file, says which function and line of src/ that was.
 *
 *   npm run stack -- < logged-stack.txt
 *   npm run stack -- "at Xe (Code:1:48211)"
 */
import { readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import path from 'node:path';

const MAP = path.resolve(import.meta.dirname, '../../dist/Code.js.map');
/** `Code:1:48211`, `Code.gs:1:48211` or `Code.js:1:48211`: the file Apps Script names, a line and a column. */
const FRAME = /\bCode(?:\.gs|\.js)?:(\d+):(\d+)/g;

export function readStack(text: string, map: SourceMap): string {
  return text.replace(FRAME, (whole, line: string, column: string) => {
    const entry = map.findEntry(Number(line) - 1, Number(column) - 1) as {
      originalSource?: string;
      originalLine?: number;
      originalColumn?: number;
      name?: string;
    };
    if (!entry.originalSource) return whole;
    const source = path.relative(process.cwd(), entry.originalSource.replace(/^file:\/\//, ''));
    const name = entry.name ? ` ${entry.name}` : '';
    return `${source}:${(entry.originalLine ?? 0) + 1}:${(entry.originalColumn ?? 0) + 1}${name}`;
  });
}

function main(): void {
  const map = new SourceMap(JSON.parse(readFileSync(MAP, 'utf8')));
  const text = process.argv.slice(2).join(' ') || readFileSync(0, 'utf8');
  process.stdout.write(`${readStack(text, map)}\n`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) main();
