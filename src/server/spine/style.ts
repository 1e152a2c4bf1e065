/**
 * The document's style as each image request applies it: its rules, and its named references after the
 * request's own, read from the snapshot of the store the request takes anyway.
 */
import { parseStyle, STYLE_PROPERTY, styleApplies, styleRules } from '../../core/deck-style';
import { describeError } from '../../core/errors';
import type { ReferenceImage } from '../../core/gemini/request';
import type { Stored } from '../platform/document-store';
import { personsWords } from '../platform/words';
import { referenceImages } from './references';

/** What a request adds for the style: its rules, and the images of its named references (after the request's own). */
export interface AppliedStyle {
  readonly rules?: string;
  readonly references: readonly ReferenceImage[];
  /** The names of the style's references that are sent: what a new image's thread records with its own. */
  readonly names: readonly string[];
  readonly warnings: readonly string[];
}

export const NO_STYLE: AppliedStyle = { references: [], names: [], warnings: [] };

/**
 * The style a request follows, from a snapshot of the store the caller read anyway: nothing when the request
 * says `style: false`, or the style is off or empty. A named reference that cannot be read (unpinned since,
 * or in someone else's Drive) does not stop the image: the rules still go, and the person hears which.
 */
export function styleFor(wanted: boolean | undefined, snapshot: Stored | null): AppliedStyle {
  const style = snapshot ? parseStyle(snapshot[STYLE_PROPERTY]) : null;
  if (!styleApplies(style, wanted)) return NO_STYLE;
  let references: readonly ReferenceImage[] = [];
  const warnings: string[] = [];
  if (style.references.length > 0) {
    try {
      references = referenceImages(
        style.references.map((name) => ({ kind: 'named' as const, name })),
        snapshot ?? undefined,
      );
    } catch (error) {
      // Said only when it happens: a Generate whose style's references arrive reads no language.
      const say = personsWords();
      const described = describeError(error, say);
      console.log(`Style references skipped: ${described.code}`);
      warnings.push(say('styleRefsNotSent', { why: described.detail ?? described.message }));
    }
  }
  const rules = styleRules(style, references.length);
  const names = references.length > 0 ? style.references : [];
  return { ...(rules ? { rules } : {}), references, names, warnings };
}
