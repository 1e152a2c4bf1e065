/** Words, numbers and pictures as the sidebar shows them, shared by every feature. */
import type { GeneratedImage } from '../../src/shared/rpc';

/** Dollars as people read them: cents for sums, a tenth of a cent for the small per-image prices. */
export function formatUsd(usd: number): string {
  if (usd > 0 && usd < 0.1) return `$${usd.toFixed(3)}`;
  return `$${usd.toFixed(2)}`;
}

/**
 * The document's total after one more image: what the sidebar knew plus that image's cost. Calls run in
 * parallel, each seeing the total from before the others, so the largest answer would count one image of six;
 * the server's own figure is used only when the sidebar knows no total or the image has no price.
 */
export function totalAfter(
  known: number | null,
  delivered: { readonly image: { readonly costUsd: number | null }; readonly documentCostUsd: number },
): number {
  const cost = delivered.image.costUsd;
  if (known === null || cost === null) return Math.max(known ?? 0, delivered.documentCostUsd);
  return Math.round((known + cost) * 1e6) / 1e6;
}

/** The total after a failed call Peel counted all the same (an answer Gemini made but sent cut short). */
export const totalAfterCharge = (known: number | null, chargedUsd: number) =>
  totalAfter(known, { image: { costUsd: chargedUsd }, documentCostUsd: chargedUsd });

export function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "You" or "A collaborator": the server only says whether a turn's opaque user key is the caller's. */
export function whoLabel(who: 'you' | 'collaborator'): string {
  return who === 'you' ? 'You' : 'A collaborator';
}

/** When a turn happened, as a person reads it in a narrow column: the time today, else the date and time. */
export function whenLabel(at: number, now: number): string {
  const then = new Date(at);
  const time = then.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
  if (new Date(now).toDateString() === then.toDateString()) return time;
  return `${then.toLocaleDateString(undefined, { day: 'numeric', month: 'short' })} ${time}`;
}

export function dataUrl(image: Pick<GeneratedImage, 'mimeType' | 'base64'>): string {
  // Only image types reach an <img>: anything else would not render and has no business in a data: URL.
  const mime = /^image\/(png|jpeg|gif|webp)$/.test(image.mimeType) ? image.mimeType : 'application/octet-stream';
  return `data:${mime};base64,${image.base64}`;
}
