/**
 * "Where would it go", "put it there" and "illustrate this", for whichever editor is open. The editor is
 * found by asking for its file (platform/active.ts); putting it there is the one `place` (spine/place.ts).
 */

import { detailOf, PeelError } from '../../core/errors';
import { composeDocPrompt, composeSlidePrompt, hasSlideText } from '../../core/prompts';
import type {
  IllustrateOptions,
  IllustratePrompt,
  ImageRef,
  InsertRequest,
  InsertResult,
  Target,
} from '../../shared/rpc';
import { activeFile } from '../platform/active';
import { docsTarget, selectedText } from '../platform/docs';
import { readDocumentStore, type StoreRead } from '../platform/document-store';
import { type CacheShare, cacheQuietly, slidesTarget, slideText } from '../platform/slides';
import { place } from '../spine/place';
import { keepShown, type Place, shownShare, storeFacts } from '../spine/shown';
import { selectionImage } from './edit';

/**
 * Where an image would go now, read from the selection, and the slide's layout that reading used (null in Docs,
 * or when a selected box takes the image). `shown` is the picture whose thread the sidebar shows (null: none); a
 * selected picture other than that one comes with its thread view. `share`: cache entries read and written with
 * the slide's layout (platform/slides.ts CacheShare).
 */
export function whereItGoes(shown?: ImageRef | null, share?: CacheShare, document?: StoreRead | null): Place {
  const file = activeFile();
  const found =
    file.host === 'slides'
      ? slidesTarget(file.presentation, share)
      : { target: docsTarget(file.document), layout: null };
  if (found.target.kind !== 'image') return found;
  // The picture this reading found is the one selected: it is not read from the selection a second time.
  const image = selectionImage(file, shown, 'picture' in found ? found.picture : null, document);
  return image ? { target: { ...found.target, image }, layout: found.layout } : found;
}

/**
 * The sidebar's reading of the selection, kept with the id its answer carries, which Generate and Insert may send
 * back. It reads the document store once, for a selected picture's thread and for what a new image needs of the
 * document (shown.ts ShownStore), so Generate reads neither.
 */
export function target(shown?: ImageRef | null): Target {
  const share = shownShare();
  // A store that cannot be read now leaves the reading as it was: Generate then reads the store itself.
  const document = cacheQuietly(readDocumentStore);
  const found = whereItGoes(shown, share, document);
  return keepShown(document ? { ...found, store: storeFacts(document.snapshot) } : found, share);
}

/** Puts a made image (by id, never by bytes) where the selection says, and starts its thread. */
export function insert({ imageId, ...choices }: InsertRequest): InsertResult {
  return place(imageId, { kind: 'selection', ...choices });
}

export function illustratePrompt({ includeNotes }: IllustrateOptions): IllustratePrompt {
  const file = activeFile();
  if (file.host === 'docs') return { prompt: composeDocPrompt(selectedText(file.document)), source: 'Selected text' };
  const text = slideText(file.presentation, includeNotes);
  if (!hasSlideText(text)) {
    throw new PeelError('BAD_INPUT', 'Slide has no text', detailOf('slideNoText'));
  }
  const parts = [
    text.title.trim() ? 'title' : '',
    text.body.some((b) => b.trim()) ? 'text' : '',
    text.notes ? 'speaker notes' : '',
  ];
  const named = parts.filter(Boolean);
  const list = named.length > 1 ? `${named.slice(0, -1).join(', ')} and ${named[named.length - 1]}` : (named[0] ?? '');
  return { prompt: composeSlidePrompt(text), source: `The slide’s ${list}` };
}
