import { describe, expect, it } from 'vitest';
import { promptLines, tidy, titleOf, truncateWith } from '../../src/core/alt-title';
import { composeDocPrompt, composeSlidePrompt } from '../../src/core/prompts';

const plainCut = (text: string, max: number) => text.slice(0, max);

describe('promptLines', () => {
  it('keeps what the picture shows and drops Peel’s lines, labels and the speaker notes', () => {
    const composed = composeSlidePrompt({ title: 'Harbour', body: ['Boats', 'Gulls'], notes: 'Say hello' });
    expect(promptLines(tidy(composed))).toEqual({ lines: ['Harbour', 'Boats', 'Gulls'], slideTitle: 'Harbour' });
    expect(promptLines(tidy(composeDocPrompt('A quiet lake.')))).toEqual({
      lines: ['A quiet lake.'],
      slideTitle: undefined,
    });
  });
});

describe('titleOf', () => {
  it('names the slide, else the first sentence’s subject, and is never empty', () => {
    expect(titleOf({ lines: ['Boats'], slideTitle: 'Harbour' }, plainCut)).toBe('Illustration: Harbour');
    expect(titleOf({ lines: ['Now draw a lake. Then a boat.'], slideTitle: undefined }, plainCut)).toBe('A lake');
    expect(titleOf({ lines: [], slideTitle: undefined }, plainCut)).toBe('AI-generated image');
  });
});

describe('truncateWith', () => {
  it('cuts at a near space, else where `cut` says, with an ellipsis', () => {
    expect(truncateWith('short', 10, plainCut)).toBe('short');
    expect(truncateWith('one two three four', 12, plainCut)).toBe('one two…');
    expect(truncateWith('abcdefghijkl', 6, (text, max) => text.slice(0, max - 1))).toBe('abcd…');
  });
});
