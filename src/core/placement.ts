/**
 * Where a new image goes on a slide so that it illustrates the slide without hiding it: an empty placeholder
 * first, else the largest free area that overlaps no text and no picture, else an honest "there is no room".
 * Pure: the server reads the slide's boxes, this decides, and the same decision labels the Target and places the
 * image, so what the sidebar says is what Insert does.
 */
import { COMMON_ASPECT_RATIOS } from './gemini/catalog';
import type { Rect, Size } from './geometry';
import { fitInside, nearestAspectRatio, parseAspectRatio, slideMargin } from './geometry';
import type { Words } from './i18n';

/** What a page element means for placement. */
export type SlideItemKind =
  /** Words a reader must see: a shape or placeholder with text in it. */
  | 'text'
  /** A picture already on the slide. */
  | 'picture'
  /** An empty placeholder the image can fill (invisible when presenting, so it hides nothing). */
  | 'empty-picture-placeholder'
  | 'empty-body-placeholder'
  /** Any other empty placeholder: invisible when presenting, neither a target nor an obstacle. */
  | 'empty-placeholder'
  /** Drawn shapes, lines, tables, groups, charts, videos, word art: visible, so kept clear like text. */
  | 'other';

export interface SlideItem {
  readonly id: string;
  readonly kind: SlideItemKind;
  readonly box: Rect;
}

export interface SlideFacts {
  readonly page: Size;
  readonly items: readonly SlideItem[];
  /** A selected text box: the image goes beside it, never over it. */
  readonly besideId?: string;
}

export type Side = 'left' | 'right' | 'above' | 'below';

export type SlidePlacement =
  | { readonly kind: 'placeholder'; readonly id: string; readonly box: Rect; readonly role: 'picture' | 'body' }
  /**
   * `area` is free; the image is fitted inside it at its own ratio (`imageBox`). `small`: that image would be
   * under a quarter of the slide (MIN_PLAIN_SHARE), so it goes there only when the person chose it (honour).
   */
  | { readonly kind: 'free'; readonly area: Rect; readonly side?: Side; readonly small?: true }
  | { readonly kind: 'no-room' };

/**
 * An image smaller than a third of the usable height by a third of its width (1/9 of the area inside the
 * margins, about 226 × 127 pt on a 16:9 deck) reads as a thumbnail on a projected slide: not worth generating
 * for. Below that, Peel says there is no room and offers a new slide, the background, or on top anyway.
 */
export const MIN_FREE_SHARE = 1 / 9;

/**
 * A picture under a quarter of the slide, squeezed beside its text, is rarely what a person wants for an
 * illustration: it is not placed there unless they choose it, and they are offered the honest choices (that
 * space, a new slide after this one, or behind the slide's content as its background).
 */
export const MIN_PLAIN_SHARE = 1 / 4;

/**
 * What the person may choose when the slide offers choices: the small free space ('beside'), a new slide after
 * this one, behind everything on the slide as its background, or (no room at all) on top of its content.
 */
export const PLACE_CHOICES = ['beside', 'new-slide', 'behind', 'on-top'] as const;
export type PlaceChoice = (typeof PLACE_CHOICES)[number];

/** One choice as the sidebar offers it: what Insert will do (`label`), and the ratio Generate draws at for it. */
export interface PlaceOffer {
  readonly where: PlaceChoice;
  readonly label: string;
  /** The label as the server's catalog has it, for the sidebar to say in its language. */
  readonly labelWords?: Words;
  readonly ratio: number;
}

/** What a Target says about where the image goes, and the choices it offers (rpc.ts Target). */
interface Offering {
  readonly label: string;
  readonly labelWords?: Words;
  readonly ratio: number;
  readonly offers?: { readonly message: string; readonly choices: readonly PlaceOffer[] };
  readonly chosen?: PlaceChoice;
}

/**
 * The Target as it is once the person chose `where` among its offers: its label and ratio are that choice's,
 * so "Goes to" and the ratio Generate draws at say what Insert will do. A choice it does not offer leaves it.
 */
export function withChoice<T extends Offering>(target: T, where: PlaceChoice | null | undefined): T {
  const offer = target.offers?.choices.find((o) => o.where === where);
  if (!offer) return target;
  const { label, labelWords, ratio, where: chosen } = offer;
  return { ...target, label, ...(labelWords ? { labelWords } : {}), ratio, chosen };
}

/** What Insert does with a placement once the person's choice is honoured. */
export type Placing =
  | Exclude<SlidePlacement, { kind: 'no-room' }>
  | { readonly kind: 'new-slide' }
  | { readonly kind: 'behind' }
  | { readonly kind: 'on-top' };

/**
 * The person's choice, honoured: a small free area only when they chose 'beside'; without room, on top only
 * when they chose it; behind the content when they chose that; otherwise a new slide after this one. A choice
 * the slide did not offer (it has room enough now) changes nothing: the free area or placeholder is used.
 */
export function honour(placement: SlidePlacement, where?: PlaceChoice | null): Placing {
  const offered = placement.kind === 'no-room' || (placement.kind === 'free' && placement.small === true);
  if (!offered) return placement as Exclude<SlidePlacement, { kind: 'no-room' }>;
  if (where === 'behind') return { kind: 'behind' };
  if (where === 'beside' && placement.kind === 'free') return placement;
  if (where === 'on-top' && placement.kind === 'no-room') return { kind: 'on-top' };
  return { kind: 'new-slide' };
}

/**
 * The widest a free area is taken (and, turned, the tallest): 21:9. A strip under a subtitle is 8:1, and a picture
 * drawn to fill it is a banner nobody asked for; the part of the strip at 21:9 is used instead, centred in it.
 */
export const MAX_FREE_RATIO = 21 / 9;

/** The largest part of `box` whose ratio is within 9:21 … 21:9, centred in it. */
export function tamed(box: Rect): Rect {
  if (box.width > box.height * MAX_FREE_RATIO) {
    const width = box.height * MAX_FREE_RATIO;
    return { ...box, left: box.left + (box.width - width) / 2, width };
  }
  if (box.height > box.width * MAX_FREE_RATIO) {
    const height = box.width * MAX_FREE_RATIO;
    return { ...box, top: box.top + (box.height - height) / 2, height };
  }
  return box;
}

/**
 * Half the margin (about 10 pt on a 16:9 deck) kept between the image and anything it avoids, so it never
 * touches the text it illustrates.
 */
export const GAP_FRACTION = 0.5;

/** A slide's own elements rarely exceed this; beyond it only the first ones are kept clear (bounded cost). */
const MAX_OBSTACLES = 60;

function usable(page: Size): Rect {
  const margin = slideMargin(page);
  return { left: margin, top: margin, width: page.width - 2 * margin, height: page.height - 2 * margin };
}

function area(box: Size): number {
  return box.width * box.height;
}

/** The image a free area would hold: the common ratio nearest to the area's, fitted inside it. */
function fittedArea(box: Rect): number {
  const ratio = parseAspectRatio(nearestAspectRatio(box.width / box.height, COMMON_ASPECT_RATIOS)) ?? 1;
  return area(fitInside(box, ratio));
}

interface Edges {
  readonly left: number;
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
}

const edges = (box: Rect, grow = 0): Edges => ({
  left: box.left - grow,
  top: box.top - grow,
  right: box.left + box.width + grow,
  bottom: box.top + box.height + grow,
});

/**
 * A line's box runs from one end to the other, so a horizontal line's is 0 points high; it is drawn with a
 * weight and arrowheads all the same. Kept clear as at least this thick, about a bold line's arrowhead.
 */
export const LINE_MIN_THICKNESS = 6;

/**
 * The axis-aligned box an element covers on the page. Slides reports an element's box "when the element has no
 * rotation" and its clockwise rotation about the box's centre (getLeft…getHeight, getRotation), so a rotated
 * element covers the bounds of that box turned about its centre; `minThickness` widens a box thinner than that
 * about its centre (a line). Unturned and thick enough, the box is returned as it is, to the last digit.
 */
export function drawnBox(box: Rect, rotation: number, minThickness = 0): Rect {
  const turns = ((rotation % 360) + 360) % 360;
  let { width, height } = box;
  if (turns !== 0) {
    const radians = (turns * Math.PI) / 180;
    // A quarter turn swaps the sides exactly, without cos(90°)'s 6e-17.
    const quarter = turns % 90 === 0;
    const cos = quarter ? (turns % 180 === 0 ? 1 : 0) : Math.abs(Math.cos(radians));
    const sin = quarter ? 1 - cos : Math.abs(Math.sin(radians));
    width = box.width * cos + box.height * sin;
    height = box.width * sin + box.height * cos;
  }
  width = Math.max(width, minThickness);
  height = Math.max(height, minThickness);
  if (width === box.width && height === box.height) return box;
  const cx = box.left + box.width / 2;
  const cy = box.top + box.height / 2;
  return { left: cx - width / 2, top: cy - height / 2, width, height };
}

/** True when two boxes share some area (touching edges do not count). */
export function overlaps(a: Rect, b: Rect): boolean {
  const p = edges(a);
  const q = edges(b);
  return p.left < q.right && q.left < p.right && p.top < q.bottom && q.top < p.bottom;
}

/** Which side of `of` a box lies on, when it lies wholly on one side and shares a band with it. */
function sideOf(box: Rect, of: Rect): Side | undefined {
  const b = edges(box);
  const o = edges(of);
  const sharesRows = b.top < o.bottom && o.top < b.bottom;
  const sharesColumns = b.left < o.right && o.left < b.right;
  if (sharesRows && b.left >= o.right) return 'right';
  if (sharesRows && b.right <= o.left) return 'left';
  if (sharesColumns && b.bottom <= o.top) return 'above';
  if (sharesColumns && b.top >= o.bottom) return 'below';
  return undefined;
}

/**
 * Every maximal free rectangle inside `bounds` clear of `obstacles`: for each pair of vertical edges the
 * obstacles crossing that band leave free runs of rows, and each run is a candidate. O(k² · n log n) for k
 * edges and n obstacles, a few milliseconds for a busy slide.
 */
export function freeRectangles(bounds: Rect, obstacles: readonly Rect[]): Rect[] {
  const box = edges(bounds);
  const blocks = obstacles
    .map((o) => edges(o))
    .filter((o) => o.left < box.right && o.right > box.left && o.top < box.bottom && o.bottom > box.top);
  const xs = [box.left, box.right, ...blocks.flatMap((o) => [o.left, o.right])]
    .filter((x) => x >= box.left && x <= box.right)
    .sort((a, b) => a - b)
    .filter((x, i, all) => i === 0 || x !== all[i - 1]);
  const found: Rect[] = [];
  for (let i = 0; i < xs.length; i++) {
    for (let j = i + 1; j < xs.length; j++) {
      const x1 = xs[i] as number;
      const x2 = xs[j] as number;
      const crossing = blocks.filter((o) => o.left < x2 && o.right > x1).sort((a, b) => a.top - b.top);
      let y = box.top;
      for (const o of [...crossing, { top: box.bottom, bottom: box.bottom }]) {
        const top = Math.max(o.top, box.top);
        if (top > y) found.push({ left: x1, top: y, width: x2 - x1, height: top - y });
        y = Math.max(y, Math.min(o.bottom, box.bottom));
      }
    }
  }
  return found;
}

/**
 * The decision. Nothing selected: the largest empty picture placeholder, else the largest empty body
 * placeholder, else the best free area. A text box selected: the best free area beside it (its text stays
 * visible). "Best" is the largest image at the nearest common ratio, then the larger area, then the earlier one;
 * each free area is first tamed to 21:9 at most.
 */
export function placeOnSlide(facts: SlideFacts): SlidePlacement {
  const beside = facts.besideId ? facts.items.find((item) => item.id === facts.besideId) : undefined;
  if (!beside) {
    for (const role of ['picture', 'body'] as const) {
      const kind = role === 'picture' ? 'empty-picture-placeholder' : 'empty-body-placeholder';
      const empties = facts.items.filter((item) => item.kind === kind && item.box.width > 0 && item.box.height > 0);
      const largest = empties.reduce<SlideItem | undefined>(
        (a, b) => (!a || area(b.box) > area(a.box) ? b : a),
        undefined,
      );
      if (largest) return { kind: 'placeholder', id: largest.id, box: largest.box, role };
    }
  }
  const bounds = usable(facts.page);
  const gap = slideMargin(facts.page) * GAP_FRACTION;
  const obstacles = facts.items
    .filter((item) => item.kind === 'text' || item.kind === 'picture' || item.kind === 'other' || item === beside)
    .slice(0, MAX_OBSTACLES)
    .map((item) => {
      const e = edges(item.box, gap);
      return { left: e.left, top: e.top, width: e.right - e.left, height: e.bottom - e.top };
    });
  const least = area(bounds) * MIN_FREE_SHARE;
  let best: { area: Rect; fitted: number; side?: Side } | undefined;
  for (const free of freeRectangles(bounds, obstacles)) {
    const candidate = tamed(free);
    const side = beside ? sideOf(candidate, beside.box) : undefined;
    if (beside && !side) continue;
    const fitted = fittedArea(candidate);
    if (fitted < least) continue;
    if (
      !best ||
      fitted > best.fitted + 1e-9 ||
      (Math.abs(fitted - best.fitted) <= 1e-9 && area(candidate) > area(best.area) + 1e-9)
    ) {
      best = { area: candidate, fitted, ...(side ? { side } : {}) };
    }
  }
  if (!best) return { kind: 'no-room' };
  const small = best.fitted < area(facts.page) * MIN_PLAIN_SHARE;
  return { kind: 'free', area: best.area, ...(best.side ? { side: best.side } : {}), ...(small ? { small } : {}) };
}

/** The image's box in a free area: as large as fits at its own ratio, centred. */
export function imageBox(free: Rect, imageRatio: number): Rect {
  return fitInside(free, imageRatio);
}

/** "top left", "right", "bottom": where a box sits on the page, in thirds, for the Target's label. */
export function whereOnPage(box: Rect, page: Size): OnPage {
  const column = (box.left + box.width / 2) / page.width;
  const row = (box.top + box.height / 2) / page.height;
  const v = row < 1 / 3 ? 'top' : row > 2 / 3 ? 'bottom' : '';
  const h = column < 1 / 3 ? 'left' : column > 2 / 3 ? 'right' : '';
  if (v && h) return `${v} ${h}`;
  return v || h || 'middle';
}

/** Each place on the page is a sentence of the server's catalog under its English name ('top left'). */
type OnPage = `${'top' | 'bottom'} ${'left' | 'right'}` | 'top' | 'bottom' | 'left' | 'right' | 'middle';

/** "to its right", "above": which side of the selected text, as the labels say it. */
export function sideWords(side: Side): Words {
  const keys = { above: 'sideAbove', below: 'sideBelow', left: 'sideLeft', right: 'sideRight' } as const;
  return { key: keys[side] };
}

/** What the Target says, true to what Insert will do with this placement. */
export function placementLabel(placement: SlidePlacement, page: Size): Words {
  switch (placement.kind) {
    case 'placeholder':
      return { key: placement.role === 'picture' ? 'fillsPicturePlaceholder' : 'fillsTextPlaceholder' };
    case 'free':
      return placement.side
        ? { key: 'besideText', params: { side: sideWords(placement.side) } }
        : { key: 'freeSpace', params: { where: { key: whereOnPage(placement.area, page) } } };
    case 'no-room':
      return { key: 'newSlide' };
  }
}

// ---------------------------------------------------------------------------------------------------------
// A slide's layout, learnt once and checked later

/**
 * What one reading of a slide learnt: which slide and how many elements it had, its page size and its items,
 * and when (epoch seconds). `beside` is the selected text box the items were read around ('' for none); items
 * are named by object id then, by index otherwise. Kept in the user's cache and with a made image, so that
 * reading the selection again and Insert need not ask Slides about every element again.
 */
export interface SlideLayout {
  readonly page: string;
  readonly count: number;
  readonly beside: string;
  readonly at: number;
  readonly size: Size;
  readonly items: readonly SlideItem[];
}

/** The placement a layout gives, as placeOnSlide decides it. */
export function layoutPlacement(layout: SlideLayout): SlidePlacement {
  return placeOnSlide({
    page: layout.size,
    items: layout.items,
    ...(layout.beside ? { besideId: layout.beside } : {}),
  });
}

const KINDS: readonly string[] = [
  'text',
  'picture',
  'empty-picture-placeholder',
  'empty-body-placeholder',
  'empty-placeholder',
  'other',
] satisfies readonly SlideItemKind[];

const finite = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
const isRect = (r: Partial<Rect> | undefined) => [r?.left, r?.top, r?.width, r?.height].every(finite);

/** A layout as JSON.parse gives it back, or null for anything this code did not write. */
export function parseSlideLayout(raw: unknown): SlideLayout | null {
  const l = raw as Partial<SlideLayout> | null;
  const { width, height } = l?.size ?? {};
  const ok =
    typeof l?.page === 'string' &&
    typeof l.beside === 'string' &&
    finite(l.at) &&
    Array.isArray(l.items) &&
    l.count === l.items.length &&
    finite(width) &&
    finite(height) &&
    width > 0 &&
    height > 0 &&
    l.items.every(
      (i: Partial<SlideItem> | null) => typeof i?.id === 'string' && KINDS.includes(String(i.kind)) && isRect(i.box),
    );
  return ok ? (l as SlideLayout) : null;
}

/**
 * The items whose words may have changed what placing by `layout` would hide or delete since it was read: the
 * placeholder it fills (someone may have typed into it), or, for a free area, every box under the image (of
 * width ÷ height `imageRatio`) that placement let it cover because it was empty. Insert reads these again and
 * walks the slide afresh if any is no longer what the layout says; an element added or removed since changes the
 * element count, which the layout is keyed by.
 */
export function itemsToRecheck(layout: SlideLayout, placement: SlidePlacement, imageRatio: number): SlideItem[] {
  if (placement.kind === 'placeholder') return layout.items.filter((item) => item.id === placement.id);
  if (placement.kind !== 'free') return [];
  const gap = slideMargin(layout.size) * GAP_FRACTION;
  const e = edges(imageBox(placement.area, imageRatio), gap);
  const image = { left: e.left, top: e.top, width: e.right - e.left, height: e.bottom - e.top };
  return layout.items.filter((item) => item.kind.startsWith('empty-') && overlaps(item.box, image));
}
