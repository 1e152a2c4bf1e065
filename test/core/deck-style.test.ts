import { describe, expect, it } from 'vitest';
import {
  colourName,
  MAX_STYLE_BYTES,
  MAX_STYLE_CHANGES,
  normaliseStyle,
  parseStyle,
  planStyleSave,
  savedStyle,
  serializeStyle,
  styleApplies,
  styleBytes,
  styleChanges,
  styleRules,
  styleVersion,
} from '../../src/core/deck-style';

const style = {
  brief: 'Watercolour, warm light. Avoid text and logos.',
  palette: ['#1E3A8A', '#f59e0b'],
  references: [],
  on: true,
};

describe('the deck style', () => {
  it('normalises: trimmed brief, lower-case unique colours, unique names whatever their case', () => {
    const n = normaliseStyle({
      brief: '  a \n\n\n b ',
      palette: ['#AABBCC', '#aabbcc', 'red'],
      references: ['Mira', 'mira', ' '],
      on: true,
    });
    expect(n).toEqual({ brief: 'a\n\nb', palette: ['#aabbcc'], references: ['Mira'], on: true });
  });

  it('survives a round trip, and an unreadable value is no style rather than an error', () => {
    const { stored } = savedStyle(null, style, 'u1', 1000);
    expect(parseStyle(serializeStyle(stored))).toEqual(stored);
    expect(parseStyle('{not json')).toBeNull();
    expect(parseStyle(undefined)).toBeNull();
    expect(parseStyle('{"b":5,"p":"x","ch":[{"t":"x"}]}')).toEqual({
      brief: '',
      palette: [],
      references: [],
      on: false,
      changes: [],
    });
  });

  it('says what changed, and a save that changes nothing records nothing', () => {
    expect(styleChanges(null, style)).toEqual(['Style set']);
    expect(styleChanges(style, { ...style, on: false })).toEqual(['Turned off']);
    expect(styleChanges(style, { ...style, brief: 'Ink', palette: [] })).toEqual(['Brief changed', 'Palette changed']);
    const first = savedStyle(null, style, 'u1', 1).stored;
    const same = savedStyle(first, style, 'u2', 2);
    expect(same.changed).toBe(false);
    expect(same.stored.changes).toHaveLength(1);
  });

  it('saves only from the version stored now: a stale save that would change something is refused', () => {
    const set = savedStyle(null, style, 'ada', 1000).stored;
    const v1 = styleVersion(set);
    expect(styleVersion(null)).toBeNull();
    expect(styleVersion(parseStyle(serializeStyle(set)))).toBe(v1);
    const adas = planStyleSave(set, { ...style, brief: 'Charcoal' }, v1, 'ada', 2000);
    if (adas.kind !== 'saved') throw new Error('refused');
    const v2 = styleVersion(adas.stored);
    expect(v2).not.toBe(v1);
    // Bea's editor opened at v1: her palette change would silently undo Ada's brief, in Bea's name.
    const beas = { ...style, palette: ['#000000'] };
    expect(planStyleSave(adas.stored, beas, v1, 'bea', 3000)).toEqual({ kind: 'changed', current: adas.stored });
    // Asking for what is stored now overwrites nothing: saved, nothing recorded.
    expect(planStyleSave(adas.stored, { ...style, brief: 'Charcoal' }, v1, 'bea', 3000)).toMatchObject({
      kind: 'saved',
      changed: false,
    });
    // On top of v2, knowingly: recorded as Bea's, with everything her style changes.
    const onTop = planStyleSave(adas.stored, beas, v2, 'bea', 3000);
    expect(onTop.kind === 'saved' && onTop.stored.changes.map((c) => [c.u, c.w])).toEqual([
      ['bea', 'Brief changed, Palette changed'],
      ['ada', 'Brief changed'],
      ['ada', 'Style set'],
    ]);
    // A style set by someone else while the editor started from none.
    expect(planStyleSave(set, beas, null, 'bea', 3000).kind).toBe('changed');
  });

  it('keeps the newest changes first, at most ten, and stays under 8 KB', () => {
    let stored = savedStyle(null, style, 'u', 0).stored;
    for (let i = 1; i <= 15; i++)
      stored = savedStyle(stored, { ...style, brief: `${'é'.repeat(590)} ${i}` }, `u${i}`, i).stored;
    expect(stored.changes).toHaveLength(MAX_STYLE_CHANGES);
    expect(stored.changes[0]?.u).toBe('u15');
    expect(styleBytes(stored)).toBeLessThanOrEqual(MAX_STYLE_BYTES);
  });

  it('words the style as standing rules: brief, named colours with their hex, references, what to avoid', () => {
    const rules = styleRules(normaliseStyle(style), 2);
    expect(rules).toContain('Watercolour, warm light.');
    expect(rules).toContain('dark blue (#1e3a8a)');
    expect(rules).toContain('(#f59e0b)');
    expect(rules).toContain('The last 2 images attached');
    expect(rules).toContain('Avoid: text and logos.');
    expect(rules).not.toContain('Avoid text');
    expect(styleRules({ brief: '', palette: [], references: [], on: true })).toBe('');
  });

  it('applies when on and not empty, unless the request says no', () => {
    expect(styleApplies(style, undefined)).toBe(true);
    expect(styleApplies(style, false)).toBe(false);
    expect(styleApplies({ ...style, on: false }, true)).toBe(false);
    expect(styleApplies({ brief: '', palette: [], references: [], on: true }, true)).toBe(false);
    expect(styleApplies(null, true)).toBe(false);
  });

  it('names colours by hue', () => {
    expect(colourName('#000000')).toBe('black');
    expect(colourName('#ffffff')).toBe('white');
    expect(colourName('#d92020')).toBe('red');
    expect(colourName('#228b22')).toBe('dark green');
    expect(colourName('#2ecc40')).toBe('green');
    expect(colourName('#0e6e6e')).toBe('dark teal');
    expect(colourName('#f59e0b')).toBe('orange');
    expect(colourName('#7b4a12')).toBe('brown');
    expect(colourName('#4285f4')).toBe('blue');
  });
});
