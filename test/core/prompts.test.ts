import { describe, expect, it } from 'vitest';
import {
  altText,
  composeDocPrompt,
  composeSlidePrompt,
  hasSlideText,
  MAX_ALT_DESCRIPTION_CHARS,
  MAX_ALT_TITLE_CHARS,
  MAX_BODY_CHARS,
  NO_TEXT_RULE,
  previewAltText,
  tidy,
  truncate,
} from '../../src/core/prompts';

describe('tidy and truncate', () => {
  it('folds whitespace and blank lines', () => {
    expect(tidy('  a\t b \r\n\r\n\r\n c  ')).toBe('a b\n\nc');
  });

  it('cuts at a word boundary with an ellipsis, never past the limit', () => {
    const cut = truncate('The quick brown fox jumps over the lazy dog', 20);
    expect(cut).toBe('The quick brown fox…');
    expect(cut.length).toBeLessThanOrEqual(20);
    expect(truncate('short', 20)).toBe('short');
    expect(truncate('x'.repeat(50), 10)).toBe(`${'x'.repeat(9)}…`);
  });
});

describe('composeSlidePrompt', () => {
  const slide = {
    title: 'Why illustrations matter',
    body: ['People remember pictures\nA good image sets the tone', '  '],
  };

  it('asks for an illustration of the ideas, with the slide’s words as material', () => {
    const prompt = composeSlidePrompt(slide);
    expect(prompt).toMatch(/^Create an illustration for a presentation slide\./);
    expect(prompt).toContain('Slide title: Why illustrations matter');
    expect(prompt).toContain('Slide text:\nPeople remember pictures\nA good image sets the tone');
    expect(prompt).not.toContain('Speaker notes');
  });

  it('says plainly that the image must contain no text from the slide', () => {
    const prompt = composeSlidePrompt(slide);
    expect(prompt.endsWith(NO_TEXT_RULE)).toBe(true);
    expect(NO_TEXT_RULE).toMatch(/no text at all/);
    expect(NO_TEXT_RULE).toMatch(/letters, words, numbers/);
  });

  it('includes speaker notes only when given, and bounds long text', () => {
    const prompt = composeSlidePrompt({ ...slide, notes: 'Open with the 65% recall figure.' });
    expect(prompt).toContain('Speaker notes (what the presenter will say):\nOpen with the 65% recall figure.');
    const long = composeSlidePrompt({ title: 'T', body: ['word '.repeat(1000)] });
    expect(long.length).toBeLessThan(MAX_BODY_CHARS + 1000);
  });

  it('knows when a slide has nothing to illustrate', () => {
    expect(hasSlideText({ title: ' ', body: ['', '\n'] })).toBe(false);
    expect(hasSlideText({ title: '', body: [], notes: 'Only notes' })).toBe(true);
  });
});

describe('composeDocPrompt', () => {
  it('illustrates the selected passage without lettering', () => {
    const prompt = composeDocPrompt('  Soil moisture held up better than forecast.  ');
    expect(prompt).toContain('Passage:\nSoil moisture held up better than forecast.');
    expect(prompt).toMatch(/^Create an illustration for a document\./);
    expect(prompt.endsWith(NO_TEXT_RULE)).toBe(true);
  });
});

describe('altText', () => {
  it('uses the prompt’s first sentence as title and the prompt as description', () => {
    const alt = altText('A lighthouse at dusk. Waves crash below.', 'Here is your lighthouse.');
    expect(alt.title).toBe('A lighthouse at dusk.');
    expect(alt.description).toBe(
      'AI-generated image. A lighthouse at dusk. Waves crash below.\n\nGemini: Here is your lighthouse.',
    );
  });

  it('leaves Peel’s instructions, labels and speaker notes out, and titles by the slide title', () => {
    const prompt = composeSlidePrompt({
      title: 'The field team at work',
      body: ['Soil samples\nWeekly readings'],
      notes: 'Thank the volunteers.',
    });
    const alt = altText(prompt);
    expect(alt).toEqual({
      title: 'Illustration: The field team at work',
      description: 'AI-generated image. The field team at work. Soil samples. Weekly readings.',
    });
    expect(altText(composeDocPrompt('Soil moisture held up.')).title).toBe('Soil moisture held up.');
  });

  it('stays within sensible lengths', () => {
    const alt = altText(`${'word '.repeat(600)}.`, 'said '.repeat(200));
    expect(alt.title.length).toBeLessThanOrEqual(MAX_ALT_TITLE_CHARS);
    expect(alt.description.length).toBeLessThanOrEqual(MAX_ALT_DESCRIPTION_CHARS);
  });

  it('never leaves the title empty', () => {
    expect(altText('   ').title).toBe('AI-generated image');
  });
});

describe('previewAltText', () => {
  it('names the variant and the subject the inserted image will be titled with', () => {
    const composed = composeSlidePrompt({ title: 'Quarterly results', body: ['Revenue up'], notes: '' });
    expect(previewAltText('A lighthouse at dusk. Waves crash below.', 0, 1)).toBe(
      'Generated image: A lighthouse at dusk.',
    );
    expect(previewAltText(composed, 1, 3)).toBe(`Variant 2 of 3: ${altText(composed).title}`);
    expect(previewAltText('x'.repeat(500), 0, 2).length).toBeLessThanOrEqual(
      'Variant 1 of 2: '.length + MAX_ALT_TITLE_CHARS,
    );
  });
});
