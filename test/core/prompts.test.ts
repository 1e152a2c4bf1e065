import { describe, expect, it } from 'vitest';
import {
  ALT_LEADS,
  altText,
  altTitle,
  composeDocPrompt,
  composeSlidePrompt,
  hasSlideText,
  MAX_ALT_DESCRIPTION_CHARS,
  MAX_ALT_TITLE_CHARS,
  MAX_BODY_CHARS,
  NO_TEXT_RULE,
  subjectOf,
  tidy,
  truncate,
  unmarked,
  withoutChatter,
} from '../../src/core/prompts';
import { CONTROL_CHARACTERS, cleanText, cutAt, isGraphemeBoundary } from '../../src/core/text';

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
    expect(alt.title).toBe('A lighthouse at dusk');
    expect(alt.description).toBe('AI-generated image. A lighthouse at dusk. Waves crash below.');
  });

  it('names what the image shows, not the instruction, and drops the model’s chatter', () => {
    const alt = altText(
      'now add a lake to it',
      'Here is the image you asked for! A calm blue lake lies below the hills. Enjoy!',
    );
    expect(alt.title).toBe('A lake');
    expect(alt.description).toBe('AI-generated image. A lake. A calm blue lake lies below the hills.');
    expect(altText('Please create an image of a red fox in snow').title).toBe('A red fox in snow');
    expect(subjectOf('Draw a picture of two cats.')).toBe('Two cats');
    expect(withoutChatter('Sure! Here’s your fox. The fox sits in deep snow. Let me know if you want changes.')).toBe(
      'The fox sits in deep snow.',
    );
  });

  it('keeps a person’s description on replace, and replaces one Peel wrote', () => {
    expect(altText('A fox', undefined, 'Our mascot, Rusty, at the 2024 picnic').description).toBe(
      'Our mascot, Rusty, at the 2024 picnic',
    );
    expect(altText('A fox', undefined, 'AI-generated image. A cat.').description).toBe('AI-generated image. A fox.');
  });

  it('writes its lead in the person’s language and knows a description of its own in any of them', () => {
    expect(altText('Ein Fuchs im Schnee', undefined, undefined, 'de').description).toBe(
      'KI-generiertes Bild. Ein Fuchs im Schnee.',
    );
    expect(altText('雪の中のキツネ', undefined, undefined, 'ja').description).toMatch(/^AI 生成画像。 /);
    for (const lead of Object.values(ALT_LEADS)) {
      // Peel's own description in another language is replaced, not kept as a person's words.
      expect(altText('A fox', undefined, `${lead} A cat.`, 'fr').description).toBe('Image générée par IA. A fox.');
      expect(unmarked({ title: 'A cat', description: `${lead} A cat.` }).description).toBe('A cat.');
    }
    expect(altText('A fox', undefined, 'Notre mascotte', 'fr').description).toBe('Notre mascotte');
  });

  it('cleans nasty strings: controls, bidi overrides and isolates, lone surrogates', () => {
    const nasty = 'A\u0000 fox\u0007 \u202eevil\u202c \u2066iso\u2069 \ud800lone \udfffhalf\u200f\ufeff in snow\u0085';
    const alt = altText(nasty, '\u202eHere is it\u202c. The fox\u0000 is red.');
    for (const text of [alt.title, alt.description]) {
      expect(text).not.toMatch(new RegExp(`[${CONTROL_CHARACTERS}\\u000a\\u0085]`));
      expect(text).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
    }
    expect(alt.title).toBe('A fox evil iso lone half in snow');
    expect(cleanText('a\tb\r\nc')).toBe('a b\nc');
  });

  it('cuts on grapheme boundaries: no half emoji, flag, family or accented letter', () => {
    const family = '👨‍👩‍👧‍👦';
    const cases = [
      'X'.repeat(98) + family,
      `${'X'.repeat(99)}👍🏽👍🏽`,
      `${'X'.repeat(97)}🇫🇷🇩🇪🇯🇵`,
      `${'X'.repeat(99)}e\u0301\u0301\u0301e\u0301`,
      `${'X'.repeat(99)}❤️❤️`,
      '🏴󠁧󠁢󠁳󠁣󠁴󠁿'.repeat(30),
    ];
    for (const text of cases) {
      const title = altText(text).title;
      expect(title.length).toBeLessThanOrEqual(MAX_ALT_TITLE_CHARS);
      const head = title.replace(/…$/, '');
      // What is kept is a prefix that ends on a boundary: the original continues with a whole character.
      expect(text.startsWith(head)).toBe(true);
      expect(isGraphemeBoundary(text, head.length)).toBe(true);
    }
    expect(cutAt(`ab${family}`, 5)).toBe('ab');
    expect(cutAt('ab🇫🇷🇩🇪', 5)).toBe('ab');
    expect(cutAt('ab🇫🇷🇩🇪', 7)).toBe('ab🇫🇷');
    expect(cutAt('cafe\u0301s', 4)).toBe('caf');
    expect(cutAt('ab👍🏽', 4)).toBe('ab');
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
    expect(altText(composeDocPrompt('Soil moisture held up.')).title).toBe('Soil moisture held up');
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

describe('altTitle', () => {
  it('is the title the inserted image’s alt text gets: the slide title, else the subject, never longer than a title', () => {
    const composed = composeSlidePrompt({ title: 'Quarterly results', body: ['Revenue up'], notes: '' });
    expect(altTitle('A lighthouse at dusk. Waves crash below.')).toBe('A lighthouse at dusk');
    expect(altTitle('Please paint a fox in the snow.')).toBe('A fox in the snow');
    expect(altTitle(composed)).toBe('Illustration: Quarterly results');
    for (const prompt of [composed, 'now add a lake to it', 'x'.repeat(500), '']) {
      expect(altTitle(prompt)).toBe(altText(prompt).title);
    }
    expect(altTitle('x'.repeat(500)).length).toBeLessThanOrEqual(MAX_ALT_TITLE_CHARS);
  });

  it('never splits a character when it cuts', () => {
    const title = altTitle(`${'x'.repeat(MAX_ALT_TITLE_CHARS - 2)}🦊🦊`);
    expect(title.endsWith('…')).toBe(true);
    expect(title).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });
});
