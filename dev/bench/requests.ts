/**
 * The requests the bench sends for Insert, Edit and Apply, written once: when src/shared/requests.ts changes
 * their shape, change them here. Insert and Apply send only the made image's id and the person's choices: what
 * it was made from waits with it on the server.
 */
import type { Target } from '../../src/shared/rpc';

export const insertRequest = (imageId: string | undefined, where?: 'on-top') => ({
  imageId,
  mode: 'insert',
  ...(where ? { where } : {}),
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
