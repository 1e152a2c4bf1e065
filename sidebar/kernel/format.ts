/** Words, numbers and pictures as the sidebar shows them, shared by every feature. */
import type { GeneratedImage } from '../../src/shared/rpc';
import { currentLocale, t } from './words';

/**
 * Dollars as people read them in their language ("$0.039", "0,039 $"): cents for sums, a tenth of a cent for the
 * small per-image prices.
 */
export function formatUsd(usd: number): string {
  const digits = usd > 0 && usd < 0.1 ? 3 : 2;
  return new Intl.NumberFormat(currentLocale() === 'en-XA' ? 'en' : currentLocale(), {
    style: 'currency',
    currency: 'USD',
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(usd);
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

/** "2 images": English's plural, for sentences not yet in the catalog. */
export function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "You" or "A collaborator": the server only says whether a turn's opaque user key is the caller's. */
export function whoLabel(who: 'you' | 'collaborator'): string {
  return t(who === 'you' ? 'you' : 'collaborator');
}

/** When a turn happened, as a person reads it in a narrow column: the time today, else the date and time. */
export function whenLabel(at: number, now: number): string {
  const then = new Date(at);
  const locale = currentLocale() === 'en-XA' ? 'en' : currentLocale();
  const time = then.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' });
  if (new Date(now).toDateString() === then.toDateString()) return time;
  return `${then.toLocaleDateString(locale, { day: 'numeric', month: 'short' })} ${time}`;
}

export function dataUrl(image: Pick<GeneratedImage, 'mimeType' | 'base64'>): string {
  // Only image types reach an <img>: anything else would not render and has no business in a data: URL.
  const mime = /^image\/(png|jpeg|gif|webp)$/.test(image.mimeType) ? image.mimeType : 'application/octet-stream';
  return `data:${mime};base64,${image.base64}`;
}
