/**
 * Quick edits: one-click instructions that are ordinary turns of the thread. Each gives two
 * texts: `instruction`, what the thread shows and what later edits are told happened earlier ("Remove the
 * background"), and `prompt`, the fuller wording Gemini gets for this one request.
 */
import { detailOf, PeelError } from './errors';
import type { ServerKey } from './i18n';
import { KEY_COLOURS, type KeyColour, keyName } from './matte';
import { tidy, truncate } from './prompts';

export type QuickEdit =
  /** `key`: the flat colour the subject is put on for Peel's matte (core/matte.ts); green when not given. */
  | { readonly kind: 'remove-background'; readonly key?: KeyColour | undefined }
  | { readonly kind: 'replace-background'; readonly with: string }
  | { readonly kind: 'expand'; readonly aspectRatio: string }
  | { readonly kind: 'more-like-this' }
  | { readonly kind: 'match-colours' }
  /** The same picture drawn again at a larger size: the picture goes in, with words to keep everything. */
  | { readonly kind: 'sharper'; readonly imageSize: '2K' | '4K' };

export interface QuickEditContext {
  /** The instruction of the thread's newest turn, for "more like this". */
  readonly lastInstruction?: string;
  /** The theme's colours as #RRGGBB, for "match this slide's colours". */
  readonly themeColours?: readonly string[];
}

export interface QuickInstruction {
  readonly instruction: string;
  readonly prompt: string;
  /** The ratio to draw, for "expand". */
  readonly aspectRatio?: string;
  /** The size to draw, for "sharper": it overrides the size the person picked for edits. */
  readonly imageSize?: '2K' | '4K';
  /** "Remove the background": the key colour the picture comes back on, for the matte. */
  readonly key?: KeyColour;
}

const MAX_BACKGROUND_CHARS = 300;
const HEX = /^#?([0-9a-f]{6})$/i;
const RATIO = /^\d{1,2}:\d{1,2}$/;

// Image models redraw the whole picture; without this they drift the subject too.
const KEEP_SUBJECT = 'Keep the subject exactly as it is: same shape, pose, colours, lighting and position.';

function bad(message: string, detail: ServerKey): PeelError {
  return new PeelError('BAD_INPUT', message, detailOf(detail));
}

/** Hex colours as #RRGGBB in upper case, invalid ones and repeats left out. */
export function hexColours(colours: readonly string[]): string[] {
  const out: string[] = [];
  for (const c of colours) {
    const match = HEX.exec(c.trim());
    const hex = match ? `#${(match[1] as string).toUpperCase()}` : undefined;
    if (hex && !out.includes(hex)) out.push(hex);
  }
  return out;
}

export function quickInstruction(quick: QuickEdit, context: QuickEditContext = {}): QuickInstruction {
  switch (quick.kind) {
    case 'remove-background': {
      // The models return no alpha channel, so the subject comes back on a key colour Peel then takes out.
      const key = quick.key ?? KEY_COLOURS[0];
      const name = keyName(key);
      return {
        instruction: 'Remove the background',
        prompt:
          `Remove the background and put the subject on a flat, even background of exactly ${key} (pure ${name}) ` +
          'filling the whole frame edge to edge: one solid colour, with no shadow, gradient, reflection, texture or ' +
          `vignette, and no ${name} on the subject itself or its edges. ${KEEP_SUBJECT}`,
        key,
      };
    }
    case 'replace-background': {
      const raw = tidy(quick.with).replace(/\n+/g, ' ');
      if (raw === '') throw bad('The new background is empty', 'quickNoBackground');
      const hex = hexColours([raw])[0];
      if (hex !== undefined) {
        return {
          instruction: `Replace the background with ${hex}`,
          prompt: `Replace the background with a solid, even colour ${hex}. ${KEEP_SUBJECT}`,
        };
      }
      const scene = truncate(raw.replace(/[.!]+$/, ''), MAX_BACKGROUND_CHARS);
      return {
        instruction: `Replace the background with ${scene}`,
        prompt: `Replace the background with ${scene}, lit to match the subject. ${KEEP_SUBJECT}`,
      };
    }
    case 'expand': {
      if (!RATIO.test(quick.aspectRatio)) throw bad(`Not an aspect ratio: ${quick.aspectRatio}`, 'quickRatio');
      return {
        instruction: `Expand to ${quick.aspectRatio}`,
        prompt:
          `Expand the picture outward to a ${quick.aspectRatio} frame: keep everything already in it unchanged and in ` +
          'place, and continue the scene naturally into the new space at the edges.',
        aspectRatio: quick.aspectRatio,
      };
    }
    case 'more-like-this': {
      const last = tidy(context.lastInstruction ?? '').replace(/\n+/g, ' ');
      return {
        instruction: 'More like this',
        prompt: last
          ? `Make a fresh variation of this image for the same request ("${truncate(last, 300)}"): the same subject ` +
            'and style, with different details and composition.'
          : 'Make a fresh variation of this image: the same subject and style, with different details and composition.',
      };
    }
    case 'sharper':
      return {
        instruction: `Rendered again at ${quick.imageSize}`,
        prompt:
          `Render this exact picture again at ${quick.imageSize} resolution. Keep everything as it is: the composition, ` +
          'every object and person with their shapes, positions and colours, the lighting, and any text with its ' +
          'spelling. Add only fine detail and sharpness; do not add, remove, move or restyle anything.',
        imageSize: quick.imageSize,
      };
    case 'match-colours': {
      const colours = hexColours(context.themeColours ?? []);
      if (colours.length === 0) {
        throw bad('No theme colours to match', 'quickNoTheme');
      }
      return {
        instruction: 'Match the slide’s colours',
        prompt:
          `Recolour the image to harmonise with this palette: ${colours.join(', ')}. Keep the subject, the ` +
          'composition and the lighting; change only the colours.',
      };
    }
  }
}
