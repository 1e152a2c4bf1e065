/**
 * Placement on a slide: the empty placeholder first, else the largest free area clear of text and pictures,
 * else "no room". The property test draws seeded random slides (deterministic, never flaky).
 */
import { describe, expect, it } from 'vitest';
import { inEnglish, said } from '../../src/core/errors';
import type { Rect } from '../../src/core/geometry';
import { slideMargin } from '../../src/core/geometry';
import { speaker, type Words } from '../../src/core/i18n';
import { EN_SERVER } from '../../src/core/i18n/en-server';
import { DE_SERVER } from '../../src/core/i18n/server/de';
import {
  freeRectangles,
  honour,
  imageBox,
  itemsToRecheck,
  layoutPlacement,
  MAX_FREE_RATIO,
  MIN_FREE_SHARE,
  MIN_PLAIN_SHARE,
  overlaps,
  parseSlideLayout,
  placementLabel,
  placeOnSlide,
  type SlideItem,
  type SlideItemKind,
  type SlideLayout,
  withChoice,
} from '../../src/core/placement';
import { seededRandom } from '../support/seeded';

/** A label as Code.js writes it in English (placement gives its catalog key and what fills it). */
const english = (words: Words) => said(words, inEnglish);

const PAGE = { width: 720, height: 405 };
const item = (
  id: string,
  kind: SlideItemKind,
  left: number,
  top: number,
  width: number,
  height: number,
): SlideItem => ({
  id,
  kind,
  box: { left, top, width, height },
});

function inside(box: Rect, bounds: Rect): boolean {
  const e = 1e-9;
  return (
    box.left >= bounds.left - e &&
    box.top >= bounds.top - e &&
    box.left + box.width <= bounds.left + bounds.width + e &&
    box.top + box.height <= bounds.top + bounds.height + e
  );
}

describe('placeOnSlide', () => {
  it('fills an empty picture placeholder first, then an empty body placeholder', () => {
    const items = [
      item('title', 'text', 36, 22, 648, 58),
      item('body', 'empty-body-placeholder', 36, 92, 300, 280),
      item('pic', 'empty-picture-placeholder', 360, 92, 320, 280),
    ];
    expect(placeOnSlide({ page: PAGE, items })).toMatchObject({ kind: 'placeholder', id: 'pic', role: 'picture' });
    expect(placeOnSlide({ page: PAGE, items: items.slice(0, 2) })).toMatchObject({ kind: 'placeholder', id: 'body' });
  });

  it('an empty slide: everything inside the margins', () => {
    const placed = placeOnSlide({ page: PAGE, items: [] });
    const m = slideMargin(PAGE);
    expect(placed).toEqual({ kind: 'free', area: { left: m, top: m, width: 720 - 2 * m, height: 405 - 2 * m } });
    expect(english(placementLabel(placed, PAGE))).toBe(
      'Free space at the middle of the slide, clear of its text and pictures',
    );
  });

  it('a title and a half-width body: the other half, beside the text', () => {
    const items = [item('title', 'text', 36, 22, 648, 58), item('body', 'text', 36, 92, 320, 280)];
    const placed = placeOnSlide({ page: PAGE, items });
    if (placed.kind !== 'free') throw new Error(placed.kind);
    expect(placed.area.left).toBeGreaterThanOrEqual(356);
    expect(placed.area.top).toBeGreaterThanOrEqual(80);
    expect(english(placementLabel(placed, PAGE))).toMatch(/at the right of the slide/);
  });

  it('a selected text box: the best area beside it, or no room when there is none beside it', () => {
    const items = [item('title', 'text', 36, 22, 648, 58), item('body', 'text', 36, 92, 320, 280)];
    const placed = placeOnSlide({ page: PAGE, items, besideId: 'body' });
    expect(placed).toMatchObject({ kind: 'free', side: 'right' });
    expect(english(placementLabel(placed, PAGE))).toBe('Beside the selected text (to its right), which stays visible');
    // The empty placeholder is not filled when the person pointed at a text box: the image goes beside it.
    const withPlaceholder = [...items, item('pic', 'empty-picture-placeholder', 0, 0, 10, 10)];
    expect(placeOnSlide({ page: PAGE, items: withPlaceholder, besideId: 'body' })).toMatchObject({ kind: 'free' });
    const full = [item('title', 'text', 36, 22, 648, 58), item('body', 'text', 36, 92, 648, 280)];
    expect(placeOnSlide({ page: PAGE, items: full, besideId: 'body' })).toEqual({ kind: 'no-room' });
  });

  it('no room when the largest image that fits is under the threshold', () => {
    const full = [item('title', 'text', 36, 22, 648, 58), item('body', 'text', 36, 92, 648, 280)];
    expect(placeOnSlide({ page: PAGE, items: full })).toEqual({ kind: 'no-room' });
    expect(english(placementLabel({ kind: 'no-room' }, PAGE))).toBe('A new slide after this one');
  });

  it('a label is said in the reader’s language, the place on the slide inside it too', () => {
    const placed = placeOnSlide({ page: PAGE, items: [] });
    const german = speaker(EN_SERVER, 'de', DE_SERVER);
    expect(said(placementLabel(placed, PAGE), german)).toBe(
      'Freie Fläche in der Mitte auf der Folie, ohne Text und Bilder zu verdecken',
    );
    const items = [item('title', 'text', 36, 22, 648, 58), item('body', 'text', 36, 92, 320, 280)];
    const beside = placeOnSlide({ page: PAGE, items, besideId: 'body' });
    expect(said(placementLabel(beside, PAGE), german)).toBe(
      'Neben dem ausgewählten Text (rechts davon), der sichtbar bleibt',
    );
  });

  it('empty non-picture placeholders hide nothing; drawn shapes are kept clear', () => {
    const ghost = [item('subtitle', 'empty-placeholder', 0, 0, 720, 405)];
    expect(placeOnSlide({ page: PAGE, items: ghost })).toMatchObject({ kind: 'free' });
    const drawn = [item('shape', 'other', 0, 0, 720, 405)];
    expect(placeOnSlide({ page: PAGE, items: drawn })).toEqual({ kind: 'no-room' });
  });

  it('property: on 2,000 random slides the chosen box overlaps no text or picture and stays inside the margins', () => {
    const next = seededRandom(20261124);
    const m = slideMargin(PAGE);
    const bounds = { left: m, top: m, width: PAGE.width - 2 * m, height: PAGE.height - 2 * m };
    const kinds: SlideItemKind[] = ['text', 'picture', 'other', 'empty-placeholder'];
    const counts = { free: 0, beside: 0, 'no-room': 0, placeholder: 0 };
    for (let round = 0; round < 2000; round++) {
      const items: SlideItem[] = [];
      const n = Math.floor(next() * 7);
      for (let i = 0; i < n; i++) {
        const width = 10 + next() * 500;
        const height = 10 + next() * 300;
        // Some boxes spill off the page, as they can in Slides.
        const left = -40 + next() * (PAGE.width - width + 80);
        const top = -40 + next() * (PAGE.height - height + 80);
        items.push(item(`e${i}`, kinds[Math.floor(next() * kinds.length)] as SlideItemKind, left, top, width, height));
      }
      const besideId = next() < 0.3 ? items.find((it) => it.kind === 'text')?.id : undefined;
      const placed = placeOnSlide({ page: PAGE, items, ...(besideId ? { besideId } : {}) });
      expect(placed.kind).not.toBe('placeholder');
      if (placed.kind !== 'free') {
        counts['no-room']++;
        continue;
      }
      counts[besideId ? 'beside' : 'free']++;
      for (const ratio of [1, 16 / 9, 9 / 16, 4 / 3, 21 / 9, 8, 1 / 8]) {
        const box = imageBox(placed.area, ratio);
        expect(inside(box, bounds)).toBe(true);
        for (const other of items) {
          if (other.kind === 'text' || other.kind === 'picture') expect(overlaps(box, other.box)).toBe(false);
        }
      }
      expect(placed.area.width * placed.area.height).toBeGreaterThanOrEqual(
        bounds.width * bounds.height * MIN_FREE_SHARE,
      );
      // Never a banner or a sliver: the area is within 9:21 … 21:9.
      expect(placed.area.width / placed.area.height).toBeLessThanOrEqual(MAX_FREE_RATIO + 1e-9);
      expect(placed.area.height / placed.area.width).toBeLessThanOrEqual(MAX_FREE_RATIO + 1e-9);
    }
    // The property is not vacuous: every outcome happened many times.
    expect(counts.free).toBeGreaterThan(200);
    expect(counts.beside).toBeGreaterThan(50);
    expect(counts['no-room']).toBeGreaterThan(50);
  });
});

describe('freeRectangles', () => {
  it('finds the bands around one box', () => {
    const bounds = { left: 0, top: 0, width: 100, height: 100 };
    const found = freeRectangles(bounds, [{ left: 40, top: 40, width: 20, height: 20 }]);
    for (const r of [
      { left: 0, top: 0, width: 40, height: 100 },
      { left: 60, top: 0, width: 40, height: 100 },
      { left: 0, top: 0, width: 100, height: 40 },
      { left: 0, top: 60, width: 100, height: 40 },
    ]) {
      expect(found).toContainEqual(r);
    }
    for (const r of found) expect(overlaps(r, { left: 40, top: 40, width: 20, height: 20 })).toBe(false);
  });
});

describe('a slide layout learnt once', () => {
  const title = item('0', 'text', 36, 117, 648, 90);
  const layout = (items: SlideItem[], beside = ''): SlideLayout => ({
    page: 'slide-1',
    count: items.length,
    beside,
    at: 1_800_000_000,
    size: PAGE,
    items,
  });

  it('reads back what it wrote, and nothing else', () => {
    const learnt = layout([title, item('1', 'empty-placeholder', 36, 215, 648, 50)]);
    expect(parseSlideLayout(JSON.parse(JSON.stringify(learnt)))).toEqual(learnt);
    const broken: unknown[] = [
      null,
      'slide-1',
      { ...learnt, count: 3 },
      { ...learnt, size: { width: 0, height: 405 } },
      { ...learnt, items: [{ ...title, kind: 'chart' }] },
      { ...learnt, items: [{ ...title, box: { left: 36, top: 117, width: '648', height: 90 } }] },
      { ...learnt, at: 'now' },
    ];
    for (const raw of broken) expect(parseSlideLayout(raw)).toBeNull();
  });

  it('rechecks the placeholder it would fill', () => {
    const body = item('1', 'empty-body-placeholder', 36, 92, 648, 280);
    const learnt = layout([title, body]);
    const placement = layoutPlacement(learnt);
    expect(placement).toMatchObject({ kind: 'placeholder', id: '1' });
    expect(itemsToRecheck(learnt, placement, 16 / 9)).toEqual([body]);
  });

  it('rechecks the empty boxes under the picture in a free area, and only those', () => {
    // A title at the top leaves the slide below it free; an empty box lies under where the picture goes.
    const top = item('0', 'text', 36, 20, 648, 60);
    const under = item('1', 'empty-placeholder', 36, 300, 648, 60);
    const aside = item('2', 'empty-placeholder', 700, 2, 16, 16);
    const learnt = layout([top, under, aside]);
    const placement = layoutPlacement(learnt);
    if (placement.kind !== 'free') throw new Error(`expected a free area, got ${placement.kind}`);
    const box = imageBox(placement.area, 16 / 9);
    expect(overlaps(box, under.box)).toBe(true);
    expect(itemsToRecheck(learnt, placement, 16 / 9)).toEqual([under]);
  });

  it('takes the 21:9 part of a wide strip, centred in it, never the whole strip', () => {
    // Under a title slide's text: a band 648 wide and about 100 high (6.5:1) is free.
    const strip = layoutPlacement(layout([item('0', 'text', 36, 20, 648, 245)]));
    if (strip.kind !== 'free') throw new Error(`expected a free area, got ${strip.kind}`);
    expect(strip.area.width / strip.area.height).toBeCloseTo(21 / 9, 6);
    const middle = strip.area.left + strip.area.width / 2;
    expect(Math.abs(middle - 360)).toBeLessThan(5);
  });

  it('rechecks nothing when the picture goes to a new slide', () => {
    const learnt = layout([item('0', 'text', 20, 20, 680, 365)]);
    const placement = layoutPlacement(learnt);
    expect(placement.kind).toBe('no-room');
    expect(itemsToRecheck(learnt, placement, 16 / 9)).toEqual([]);
  });
});

describe('a free area under a quarter of the slide is offered, never chosen', () => {
  // The demo title slide: a centred title and a subtitle under it leave a strip at the bottom (about 6:1).
  const titleSlide = [item('0', 'text', 36, 117, 648, 90), item('1', 'text', 36, 215, 648, 50)];

  it("marks the title slide's strip small, and a half slide not", () => {
    const strip = placeOnSlide({ page: PAGE, items: titleSlide });
    if (strip.kind !== 'free') throw new Error(strip.kind);
    expect(strip.small).toBe(true);
    expect(strip.area.width / strip.area.height).toBeLessThanOrEqual(21 / 9 + 1e-9);
    expect(strip.area.width * strip.area.height).toBeLessThan(PAGE.width * PAGE.height * MIN_PLAIN_SHARE);
    const half = placeOnSlide({ page: PAGE, items: [item('0', 'text', 36, 22, 320, 360)] });
    expect(half).toMatchObject({ kind: 'free' });
    expect(half.kind === 'free' && half.small).toBeFalsy();
  });

  it('honours the person: the small space only when chosen, behind when chosen, a new slide otherwise', () => {
    const strip = placeOnSlide({ page: PAGE, items: titleSlide });
    expect(honour(strip)).toEqual({ kind: 'new-slide' });
    expect(honour(strip, null)).toEqual({ kind: 'new-slide' });
    expect(honour(strip, 'new-slide')).toEqual({ kind: 'new-slide' });
    expect(honour(strip, 'beside')).toBe(strip);
    expect(honour(strip, 'behind')).toEqual({ kind: 'behind' });
    // On top is offered only where there is no room at all.
    expect(honour(strip, 'on-top')).toEqual({ kind: 'new-slide' });
    expect(honour({ kind: 'no-room' }, 'on-top')).toEqual({ kind: 'on-top' });
    expect(honour({ kind: 'no-room' })).toEqual({ kind: 'new-slide' });
  });

  it('a choice the slide does not offer changes nothing: room enough is used', () => {
    const roomy = placeOnSlide({ page: PAGE, items: [] });
    for (const where of ['beside', 'new-slide', 'behind', 'on-top'] as const) expect(honour(roomy, where)).toBe(roomy);
    const placeholder = placeOnSlide({ page: PAGE, items: [item('p', 'empty-picture-placeholder', 36, 92, 420, 290)] });
    expect(honour(placeholder, 'behind')).toBe(placeholder);
  });

  it('property: on 2,000 random slides a free area chosen unasked is at least a quarter of the slide', () => {
    const seed = 0x5eed21;
    console.log(`placement quarter property seed ${seed}`);
    const random = seededRandom(seed);
    let small = 0;
    for (let n = 0; n < 2000; n++) {
      const items = Array.from({ length: 1 + Math.floor(random() * 4) }, (_, i) =>
        item(String(i), 'text', random() * 600, random() * 340, 40 + random() * 400, 20 + random() * 200),
      );
      const placed = placeOnSlide({ page: PAGE, items });
      const done = honour(placed);
      if (placed.kind === 'free' && placed.small) small++;
      if (done.kind !== 'free') continue;
      const box = imageBox(done.area, done.area.width / done.area.height);
      expect(box.width * box.height).toBeGreaterThanOrEqual(PAGE.width * PAGE.height * MIN_PLAIN_SHARE - 1e-6);
    }
    expect(small).toBeGreaterThan(50);
  });

  it('a chosen offer gives the Target its label and ratio; one not offered leaves it', () => {
    const target = {
      label: 'A new slide after this one',
      ratio: 16 / 9,
      offers: {
        message: 'small',
        choices: [
          { where: 'beside', label: 'Free space at the bottom, smaller', ratio: 21 / 9 },
          { where: 'behind', label: 'Behind', ratio: 16 / 9 },
        ],
      },
    } as const;
    expect(withChoice(target, 'beside')).toMatchObject({
      label: 'Free space at the bottom, smaller',
      ratio: 21 / 9,
      chosen: 'beside',
    });
    expect(withChoice(target, 'on-top')).toBe(target);
    expect(withChoice(target, null)).toBe(target);
    expect(withChoice({ label: 'x', ratio: 1 }, 'beside')).toEqual({ label: 'x', ratio: 1 });
  });
});
