import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  catalogModels,
  DEFAULT_MODEL_ID,
  isImageModelId,
  lifecycle,
  modelSpec,
  replacementFor,
} from '../../../src/core/gemini/catalog';
import { NOW } from './fakes';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const CATALOG = path.join('src', 'core', 'gemini', 'catalog.ts');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? sourceFiles(full) : /\.(ts|tsx|js|html|json)$/.test(name) ? [full] : [];
  });
}

describe('model ids live in the catalog only', () => {
  it('no file under src/ but the catalog names a model', () => {
    const modelId = /\bgemini-\d|\bgemini-(pro|flash|exp|nano)|nano-banana|imagen-\d/i;
    const offenders = sourceFiles(path.join(root, 'src'))
      .filter((file) => path.relative(root, file) !== CATALOG)
      .flatMap((file) =>
        readFileSync(file, 'utf8')
          .split('\n')
          .map((line, i) => [`${path.relative(root, file)}:${i + 1}`, line] as const)
          .filter(([, line]) => modelId.test(line))
          .map(([where, line]) => `${where}: ${line.trim()}`),
      );
    expect(offenders).toEqual([]);
  });

  it('the scan would catch one', () => {
    expect(/\bgemini-\d|nano-banana/.test("const model = 'gemini-3-pro-image';")).toBe(true);
  });
});

describe('catalog', () => {
  it('defaults to the recommended current model', () => {
    expect(DEFAULT_MODEL_ID).toBe('gemini-nano-banana-2.1');
    expect(lifecycle(modelSpec(DEFAULT_MODEL_ID), NOW)).toBe('current');
  });

  it('marks shut-down models retired, with a replacement that is itself current', () => {
    for (const id of [
      'gemini-2.5-flash-image',
      'gemini-3-pro-image-preview',
      'gemini-3.1-flash-image-preview',
      'gemini-3.1-flash-image',
    ]) {
      expect(lifecycle(modelSpec(id), NOW), id).toBe('retired');
      const replacement = replacementFor(id, NOW);
      expect(replacement, id).toBeDefined();
      expect(lifecycle(modelSpec(replacement ?? ''), NOW), id).toBe('current');
    }
    expect(lifecycle(modelSpec('gemini-3.1-flash-image'), Date.parse('2026-10-01T00:00:00Z'))).toBe('deprecated');
  });

  it('offers only models that are not shut down', () => {
    expect(catalogModels(NOW).map((m) => m.id)).toEqual([
      'gemini-nano-banana-2.1',
      'gemini-3-pro-image',
      'gemini-3.1-flash-lite-image',
    ]);
  });

  it('does not mistake inherited property names for models', () => {
    expect(modelSpec('constructor').known).toBe(false);
    expect(modelSpec('toString').known).toBe(false);
  });

  it('gives unknown ids conservative defaults', () => {
    const spec = modelSpec('gemini-5-image');
    expect(spec).toMatchObject({
      known: false,
      imageSizes: ['1K'],
      sendsImageSize: false,
      thinking: { kind: 'none' },
      pricePerImageUsd: {},
      imageOutputUsdPerMillionTokens: null,
      systemInstruction: false,
    });
    expect(spec.aspectRatios).toHaveLength(10);
  });

  it('recognises image models by catalog and by name', () => {
    expect(isImageModelId('gemini-3-pro-image')).toBe(true);
    expect(isImageModelId('gemini-4-flash-image-preview')).toBe(true);
    expect(isImageModelId('gemini-nano-banana-3')).toBe(true);
    expect(isImageModelId('gemini-2.5-flash')).toBe(false);
    expect(isImageModelId('imagen-4.0-generate-001')).toBe(false);
    expect(isImageModelId('gemini-embedding-001')).toBe(false);
  });

  it('has a per-image price for every size of every known current model', () => {
    for (const spec of catalogModels(NOW)) {
      for (const size of spec.imageSizes) expect(spec.pricePerImageUsd[size], `${spec.id} ${size}`).toBeGreaterThan(0);
    }
  });
});
