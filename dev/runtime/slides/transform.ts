/**
 * An element's geometry both ways: the model keeps its box "when the element has no rotation" plus rotation,
 * flips and shear; the Slides API keeps an inherent size and an AffineTransform. Google's reference fixes what
 * the getters answer: "size and position are measured with respect to the bounding box of a rendered page
 * element when it has no rotation: Left and Top … to the upper left corner of the unrotated bounding box …
 * Width and Height: the width and height of the unrotated bounding box … Rotation: the clockwise rotation …
 * around the center of the bounding box" (https://developers.google.com/apps-script/guides/slides/moving-elements),
 * and the rendered element is its inherent size mapped by the transform
 * (https://developers.google.com/workspace/slides/api/concepts/transforms).
 *
 * The transform is decomposed as M = R(rotation) · [[sx, k], [0, sy]]: a scale (negative for a flip) and a
 * horizontal shear, then the rotation. How Google splits a transform that has both a flip and a rotation
 * (a left-right flip is also a top-bottom flip turned 180°) is not documented; this takes the flip as left-right.
 */
import type { BoxedElementState, GroupElement, PageElementState } from '../model';

export interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** The Slides API's AffineTransform, in points: x' = scaleX·x + shearX·y + translateX, y' = shearY·x + scaleY·y + translateY. */
export interface Affine {
  scaleX: number;
  scaleY: number;
  shearX: number;
  shearY: number;
  translateX: number;
  translateY: number;
}

const RADIANS = Math.PI / 180;

/** Degrees in [0, 360), with the float noise of a round trip through the matrix taken out. */
export function normalDegrees(degrees: number): number {
  const rounded = Math.round(degrees * 1e9) / 1e9;
  const d = ((rounded % 360) + 360) % 360;
  return d === 360 ? 0 : d;
}

/** The unsheared width: the box less what the shear adds. */
function bodyWidth(state: BoxedElementState): number {
  return Math.max(0, state.width - Math.abs(state.shear ?? 0) * state.height);
}

/** Points per pixel: Slides sizes a picture that carries no resolution at 96 pixels per inch. */
const POINTS_PER_PIXEL = 0.75;

/**
 * The size at scale 1: what was stored, else a picture's pixels (Slides' size for it at 100%), else the
 * element's own unsheared box (scale 1, as an element inserted at a size is).
 */
export function inherentSize(state: BoxedElementState): { width: number; height: number } {
  if (state.kind === 'image') {
    return {
      width: state.inherentWidth ?? state.image.pixelWidth * POINTS_PER_PIXEL,
      height: state.inherentHeight ?? state.image.pixelHeight * POINTS_PER_PIXEL,
    };
  }
  return { width: state.inherentWidth ?? bodyWidth(state), height: state.inherentHeight ?? state.height };
}

/**
 * Stores the inherent size before the box is resized: an element keeps its size at scale 1 when it is stretched
 * (its scale changes), and the default (its own box) would otherwise follow the new box.
 */
export function pinInherent(state: BoxedElementState): void {
  const { width, height } = inherentSize(state);
  state.inherentWidth = width;
  state.inherentHeight = height;
}

/** Scale from inherent to drawn size along one side; a zero inherent side (a straight line) keeps scale ±1. */
function scale(drawn: number, inherent: number, flipped: boolean | undefined): number {
  const magnitude = inherent > 0 ? drawn / inherent : 1;
  return flipped ? -magnitude : magnitude;
}

/** The 2×2 part of the transform. */
function linear(state: BoxedElementState): [a: number, b: number, c: number, d: number] {
  const inherent = inherentSize(state);
  const sx = scale(bodyWidth(state), inherent.width, state.flipH);
  const sy = scale(state.height, inherent.height, state.flipV);
  // The shear moves the bottom edge by shear × height points: k × inherent height.
  const k = inherent.height > 0 ? ((state.shear ?? 0) * state.height) / inherent.height : 0;
  const theta = (state.rotation ?? 0) * RADIANS;
  const cos = Math.cos(theta);
  const sin = Math.sin(theta);
  return [cos * sx, cos * k - sin * sy, sin * sx, sin * k + cos * sy];
}

/** The element's transform: its inherent box's centre maps to its box's centre. */
export function transformOf(state: BoxedElementState): Affine {
  const [a, b, c, d] = linear(state);
  const inherent = inherentSize(state);
  const cx = state.left + state.width / 2;
  const cy = state.top + state.height / 2;
  return {
    scaleX: a,
    shearX: b,
    shearY: c,
    scaleY: d,
    translateX: cx - (a * inherent.width + b * inherent.height) / 2,
    translateY: cy - (c * inherent.width + d * inherent.height) / 2,
  };
}

/**
 * Sets an element's geometry from a transform, keeping its inherent size (as Apps Script's setTransform does).
 * The inverse of transformOf up to float rounding.
 */
export function applyTransform(state: BoxedElementState, t: Affine): void {
  const inherent = inherentSize(state);
  const det = t.scaleX * t.scaleY - t.shearX * t.shearY;
  const theta = det < 0 ? Math.atan2(-t.shearY, -t.scaleX) : Math.atan2(t.shearY, t.scaleX);
  const cos = Math.cos(theta);
  const sin = Math.sin(theta);
  const sx = cos * t.scaleX + sin * t.shearY;
  const k = cos * t.shearX + sin * t.scaleY;
  const sy = -sin * t.shearX + cos * t.scaleY;
  const width = Math.abs(sx) * inherent.width + Math.abs(k) * inherent.height;
  const height = Math.abs(sy) * inherent.height;
  const cx = t.scaleX * (inherent.width / 2) + t.shearX * (inherent.height / 2) + t.translateX;
  const cy = t.shearY * (inherent.width / 2) + t.scaleY * (inherent.height / 2) + t.translateY;
  state.inherentWidth = inherent.width;
  state.inherentHeight = inherent.height;
  state.width = width;
  state.height = height;
  state.left = cx - width / 2;
  state.top = cy - height / 2;
  setOptional(state, 'rotation', normalDegrees(theta / RADIANS), 0);
  setOptional(state, 'flipH', sx < 0, false);
  setOptional(state, 'flipV', sy < 0, false);
  setOptional(state, 'shear', height > 0 ? (k * inherent.height) / height : 0, 0);
}

/** Absent when it has its default, so an untouched element stays as decks saved before these fields were. */
function setOptional<K extends 'rotation' | 'flipH' | 'flipV' | 'shear'>(
  state: BoxedElementState,
  key: K,
  value: NonNullable<BoxedElementState[K]>,
  none: NonNullable<BoxedElementState[K]>,
): void {
  if (value === none || (typeof value === 'number' && Math.abs(value) < 1e-12)) delete state[key];
  else state[key] = value;
}

/** The four corners of the element as drawn on the page. */
export function corners(state: BoxedElementState): [number, number][] {
  const t = transformOf(state);
  const { width, height } = inherentSize(state);
  return [
    [0, 0],
    [width, 0],
    [width, height],
    [0, height],
  ].map(([x = 0, y = 0]) => [t.scaleX * x + t.shearX * y + t.translateX, t.shearY * x + t.scaleY * y + t.translateY]);
}

function boundsOf(points: readonly [number, number][]): Box {
  const xs = points.map(([x]) => x);
  const ys = points.map(([, y]) => y);
  const left = Math.min(...xs);
  const top = Math.min(...ys);
  return { left, top, width: Math.max(...xs) - left, height: Math.max(...ys) - top };
}

/** The axis-aligned box the element covers on the page, rotation and shear included; a group's covers its members. */
export function drawnBounds(state: PageElementState): Box {
  if (state.kind === 'group') {
    if (state.children.length === 0)
      return { left: state.left, top: state.top, width: state.width, height: state.height };
    return boundsOf(state.children.flatMap((child) => boxCorners(drawnBounds(child))));
  }
  return boundsOf(corners(state));
}

function boxCorners(box: Box): [number, number][] {
  return [
    [box.left, box.top],
    [box.left + box.width, box.top + box.height],
  ];
}

/**
 * A group's box as its getters answer it: the bounds of its members as drawn. Slides sizes a group to its
 * members; a group of its own rotation is not modelled (a rotated group's members carry the rotation).
 */
export function groupBox(group: GroupElement): Box {
  return drawnBounds(group);
}

/** Sets every group's stored box (members' groups first) to its members' bounds, after a change to any of them. */
export function refitGroups(elements: readonly PageElementState[]): void {
  for (const element of elements) {
    if (element.kind !== 'group') continue;
    refitGroups(element.children);
    if (element.children.length === 0) continue;
    Object.assign(element, groupBox(element));
  }
}

/**
 * A line's ends, as drawn: it runs from its inherent box's (0, 0) corner to the opposite one, so with the
 * transform's flips and rotation that is top-left to bottom-right of an unflipped box, and swapped by a flip.
 */
export function lineEnds(state: BoxedElementState): { start: [number, number]; end: [number, number] } {
  const points = corners(state);
  return { start: points[0] as [number, number], end: points[2] as [number, number] };
}
