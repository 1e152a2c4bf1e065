/**
 * The open presentation or document, found with as few service calls as possible. Every function here needs
 * the file anyway, and `getActivePresentation()` / `getActiveDocument()` return null in the other editor
 * (documented), so asking for the file also tells which editor this is: one call in Slides, two in Docs, where
 * `detectHost()` followed by the getter would cost two or three.
 */
import { PeelError } from '../../core/errors';

export type ActiveFile =
  | { readonly host: 'slides'; readonly presentation: GoogleAppsScript.Slides.Presentation }
  | { readonly host: 'docs'; readonly document: GoogleAppsScript.Document.Document };

function orNull<T>(get: () => T | null | undefined): T | null {
  try {
    return get() ?? null;
  } catch {
    // Some contexts throw instead of answering null; either way this is not that editor.
    return null;
  }
}

export function activeFile(): ActiveFile {
  const presentation = orNull(() => SlidesApp.getActivePresentation());
  if (presentation) return { host: 'slides', presentation };
  const document = orNull(() => DocumentApp.getActiveDocument());
  if (document) return { host: 'docs', document };
  throw new PeelError('UNSUPPORTED_HOST', 'No active presentation or document');
}

/** The open file's id: asked only where it is needed (a service call or two). */
export function activeFileId(): string {
  const file = activeFile();
  return file.host === 'slides' ? file.presentation.getId() : file.document.getId();
}
