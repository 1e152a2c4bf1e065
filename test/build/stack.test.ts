import { readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import path from 'node:path';
import { expect, it } from 'vitest';
import { readStack } from '../../dev/tools/stack';

const dist = path.resolve(import.meta.dirname, '../../dist');

it('a stack Apps Script logs from the minified Code.js reads back as Peel’s source', () => {
  const code = readFileSync(path.join(dist, 'Code.js'), 'utf8');
  const map = new SourceMap(JSON.parse(readFileSync(path.join(dist, 'Code.js.map'), 'utf8')));
  // Where the sentence for a full store (the server catalog's English) sits in the built file, as a logged frame would name it.
  const at = code.indexOf('Peel’s memory in this document is full');
  expect(at).toBeGreaterThan(0);
  const before = code.slice(0, at);
  const line = before.split('\n').length;
  const column = at - before.lastIndexOf('\n');
  const read = readStack(`PeelError: x\n    at Xe (Code:${line}:${column})`, map);
  expect(read).toMatch(/at Xe \(src\/core\/i18n\/en-server\.ts:\d+:\d+\)/);
  // Nothing else in the text changes.
  expect(readStack('no frames here', map)).toBe('no frames here');
});
