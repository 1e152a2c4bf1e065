/**
 * The requests the bench sends for Insert, Edit and Apply, written once: when src/shared/requests.ts changes
 * their shape, change them here. Insert and Apply send only the made image's id and the person's choices: what
 * it was made from waits with it on the server.
 */
import type { PlaceChoice, Target } from '../../src/shared/rpc';

/**
 * The demo title slide's free space, under its subtitle, holds less than a quarter of the slide: Insert offers it
 * rather than choosing it, so the bench is the person who chose it ('beside'), and measures the same free-space
 * path as before that offer existed. Generate sends the same choice (GENERATE_WHERE).
 */
export const GENERATE_WHERE: PlaceChoice = 'beside';

/** `placeId`: the place the sidebar shows as the person presses Insert (the reading Generate used, in the bench). */
export const insertRequest = (
  imageId: string | undefined,
  where: PlaceChoice = GENERATE_WHERE,
  placeId?: string | undefined,
) => ({
  imageId,
  mode: 'insert',
  where,
  ...(placeId ? { placeId } : {}),
});

export const editRequest = (target: Target | undefined, instruction: string, model: string) => ({
  ref: target?.image?.ref,
  instruction,
  model,
  aspectRatio: null,
  imageSize: '1K',
  quick: null,
});

export const applyRequest = (imageId: string | undefined) => ({ imageId, keepAltDescription: true });
