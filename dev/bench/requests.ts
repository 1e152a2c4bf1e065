/**
 * The requests the bench sends for Insert, Edit and Apply, written once: when src/shared/requests.ts changes
 * their shape, change them here. Today's shapes; the restructured server takes less:
 * - insertImage: only {imageId, mode, where?, docsWidth?} (the prompt and model text are the server's own),
 * - editImage: no threadId,
 * - applyEdit: only {imageId, keepAltDescription}.
 */
import type { Target } from '../../src/shared/rpc';

export const insertRequest = (imageId: string | undefined, prompt: string, where?: 'on-top') => ({
  imageId,
  mode: 'insert',
  prompt,
  ...(where ? { where } : {}),
});

export const editRequest = (target: Target | undefined, instruction: string, model: string) => ({
  ref: target?.image?.ref,
  threadId: target?.image?.threadId ?? null,
  instruction,
  model,
  aspectRatio: null,
  imageSize: '1K',
  quick: null,
});

export const applyRequest = (
  imageId: string | undefined,
  target: Target | undefined,
  instruction: string,
  modelText: string | null,
) => ({
  imageId,
  ref: target?.image?.ref,
  threadId: target?.image?.threadId ?? null,
  instruction,
  modelText,
  quick: null,
  keepAltDescription: true,
});
