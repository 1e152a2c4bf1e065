import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  composeSectionPrompt,
  type DocBlock,
  docSections,
  findSection,
  locateSection,
  sectionLabel,
} from '../../src/core/doc-sections';
import { altText } from '../../src/core/prompts';

const heading = (text: string): DocBlock => ({ kind: 'heading', text, picture: false });
const para = (text: string, picture = false): DocBlock => ({ kind: 'text', text, picture });
const item = (text: string): DocBlock => ({ kind: 'list', text, picture: false });
const table: DocBlock = { kind: 'table', text: '', picture: false };

describe('docSections', () => {
  it('a section runs from its heading to the next; its picture goes after its first paragraph', () => {
    const sections = docSections([
      para('Title'),
      heading('One'),
      para(''),
      para('First.'),
      para('Second.'),
      heading('Two'),
      para('Only.'),
    ]);
    expect(sections.map((s) => [s.key, s.headingIndex, s.anchorIndex, s.passage])).toEqual([
      ['h:0:One', 1, 3, ['First.', 'Second.']],
      ['h:0:Two', 5, 6, ['Only.']],
    ]);
  });

  it('a section opening with a list takes the picture after the whole list, never inside it', () => {
    const [section] = docSections([heading('Steps'), item('a'), item('b'), item('c'), para('After.')]);
    expect(section?.anchorIndex).toBe(3);
    expect(section?.passage).toEqual(['a', 'b', 'c']);
  });

  it('a table before the first paragraph is passed over; a section with no words says so, its anchor its heading', () => {
    const [tabled, empty] = docSections([heading('Figures'), table, para('Caption.'), heading('Blank'), table]);
    expect(tabled?.anchorIndex).toBe(2);
    expect(empty).toMatchObject({ hasText: false, anchorIndex: 3, passage: [] });
  });

  it('headings with the same words are told apart by how many come before; a picture in a section is seen', () => {
    const sections = docSections([heading('Notes'), para('a', true), heading('  Notes '), para('b')]);
    expect(sections.map((s) => s.key)).toEqual(['h:0:Notes', 'h:1:Notes']);
    expect(sections.map((s) => s.hasPicture)).toEqual([true, false]);
    expect(findSection(sections, 'h:1:Notes')?.headingIndex).toBe(2);
    expect(findSection(sections, 'h:2:Notes')).toBeNull();
  });

  it('keys stay well inside a request id, and labels and prompts name the heading', () => {
    const long = 'Word '.repeat(60);
    const [section] = docSections([heading(long), para('Text.')]);
    expect(section?.key.length).toBeLessThanOrEqual(130);
    expect(sectionLabel({ heading: 'Water use', number: 3 })).toBe('Section 3: Water use');
    expect(sectionLabel({ heading: '', number: 2 })).toBe('Section 2');
    const prompt = composeSectionPrompt({ heading: 'Water use', passage: ['Less water.'] });
    expect(prompt).toContain('Section heading: Water use\nPassage:\nLess water.');
    // The picture's alt text is titled by the heading, without Peel's own words.
    expect(altText(prompt).title).toBe('Illustration: Water use');
  });
});

describe('locateSection', () => {
  const kinds = ['heading', 'text', 'list', 'table', 'other'] as const;
  const block = fc
    .record({ kind: fc.constantFrom(...kinds), text: fc.constantFrom('', '  ', 'One', 'one ', 'Two', 'Words.', 'x') })
    .map(
      ({ kind, text }): DocBlock => ({ kind, text: kind === 'table' || kind === 'other' ? '' : text, picture: false }),
    );

  /** A reader over `blocks` that counts what it was asked, as the server's calls would be. */
  function reader(blocks: readonly DocBlock[]) {
    const asked = { blocks: new Set<number>(), texts: new Set<number>() };
    const read = (index: number) => {
      asked.blocks.add(index);
      const b = blocks[index] as DocBlock;
      return {
        kind: b.kind,
        text: () => {
          asked.texts.add(index);
          return b.text;
        },
      };
    };
    return { read, asked };
  }

  it('finds what docSections finds for every key, and nothing for a key that is gone', () => {
    fc.assert(
      fc.property(fc.array(block, { maxLength: 30 }), (blocks) => {
        for (const section of docSections(blocks)) {
          const { read } = reader(blocks);
          expect(locateSection(section.key, blocks.length, read)).toEqual({
            heading: section.heading,
            headingIndex: section.headingIndex,
            anchorIndex: section.anchorIndex,
          });
        }
        expect(locateSection('h:0:Gone', blocks.length, reader(blocks).read)).toBeNull();
      }),
      { seed: 21, numRuns: 300 },
    );
  });

  it('reads no block past the section and the words of headings and that section only', () => {
    const blocks = [
      para('Intro words.'),
      heading('One'),
      para('First.'),
      table,
      heading('Two'),
      para(''),
      item('a'),
      item('b'),
      para('After.'),
      heading('Three'),
      para('Last.'),
    ];
    const { read, asked } = reader(blocks);
    expect(locateSection('h:0:Two', blocks.length, read)).toEqual({ heading: 'Two', headingIndex: 4, anchorIndex: 7 });
    expect(Math.max(...asked.blocks)).toBe(8);
    expect([...asked.texts].sort((a, b) => a - b)).toEqual([1, 4, 5, 6]);
  });
});
