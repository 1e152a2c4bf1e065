import { describe, expect, it } from 'vitest';
import { hexColours, type QuickEdit, quickInstruction } from '../../src/core/quick-edits';
import { codeOf } from '../support/errors';

describe('quick edits', () => {
  it.each<[QuickEdit, string]>([
    [{ kind: 'remove-background' }, 'Remove the background'],
    [{ kind: 'replace-background', with: '#1a73e8' }, 'Replace the background with #1A73E8'],
    [{ kind: 'replace-background', with: ' a beach at sunset. ' }, 'Replace the background with a beach at sunset'],
    [{ kind: 'expand', aspectRatio: '16:9' }, 'Expand to 16:9'],
    [{ kind: 'more-like-this' }, 'More like this'],
  ])('%j reads in the thread as “%s”', (quick, instruction) => {
    expect(quickInstruction(quick, { lastInstruction: 'Add a lake' }).instruction).toBe(instruction);
  });

  it('asks Gemini to keep the subject when the background changes', () => {
    for (const quick of [
      { kind: 'remove-background' },
      { kind: 'replace-background', with: 'a snowy forest' },
    ] as const) {
      expect(quickInstruction(quick).prompt).toContain('Keep the subject exactly as it is');
    }
  });

  it('tells the solid colour in the prompt', () => {
    expect(quickInstruction({ kind: 'replace-background', with: '1A73E8' }).prompt).toContain(
      'solid, even colour #1A73E8',
    );
  });

  it('expands to the ratio asked, and returns it to draw at', () => {
    const q = quickInstruction({ kind: 'expand', aspectRatio: '4:3' });
    expect(q.aspectRatio).toBe('4:3');
    expect(q.prompt).toContain('4:3 frame');
    expect(codeOf(() => quickInstruction({ kind: 'expand', aspectRatio: 'wide' }))).toBe('BAD_INPUT');
  });

  it('makes “more like this” a fresh variant of the last instruction', () => {
    expect(quickInstruction({ kind: 'more-like-this' }, { lastInstruction: 'Add a red kite' }).prompt).toContain(
      '("Add a red kite")',
    );
    expect(quickInstruction({ kind: 'more-like-this' }).prompt).toMatch(/^Make a fresh variation of this image:/);
  });

  it('matches the slide’s theme colours, given as hex', () => {
    const q = quickInstruction({ kind: 'match-colours' }, { themeColours: ['#4285f4', 'EA4335', 'nope', '#4285F4'] });
    expect(q.instruction).toBe('Match the slide’s colours');
    expect(q.prompt).toContain('#4285F4, #EA4335.');
    expect(codeOf(() => quickInstruction({ kind: 'match-colours' }, { themeColours: ['red'] }))).toBe('BAD_INPUT');
  });

  it('refuses an empty background', () => {
    expect(codeOf(() => quickInstruction({ kind: 'replace-background', with: '  ' }))).toBe('BAD_INPUT');
  });

  it('reads hex colours with or without #, once each', () => {
    expect(hexColours(['#abcdef', 'ABCDEF', '#abc', '123456'])).toEqual(['#ABCDEF', '#123456']);
  });
});
