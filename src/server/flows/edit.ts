/**
 * Editing a picture: its thread as the sidebar shows it, one edited variant per call (the one pipeline), Apply
 * (the one `place`, in place of the picture the edit started from), a kept version's picture, and Restore.
 */
import { currentVersionId, LAST_THREAD_KEY, threadKey, userHash } from '../../core/conversation/thread';
import { detailOf, PeelError } from '../../core/errors';
import type { ServerKey } from '../../core/i18n';
import type {
  ApplyRequest,
  ApplyResult,
  EditRequest,
  ImageCallOutcome,
  ImageRef,
  RestoreRequest,
  SelectedImage,
  ShownPreview,
  ThreadImage,
  ThreadView,
} from '../../shared/rpc';
import { type ActiveFile, activeFile } from '../platform/active';
import type { StoreRead } from '../platform/document-store';
import { driveVersionStore } from '../platform/drive';
import {
  altOf,
  callerId,
  documentImage,
  imageLabel,
  type LocatedImage,
  locateImage,
  selectedImage,
  selectedImageView,
} from '../platform/identity';
import { type MakeOptions, make } from '../spine/pipeline';
import { findVersion, place, requireStore, takePending, threadOrThrow, versionImage } from '../spine/place';
import { threadSummary } from '../spine/thread-view';
import { markSeen, storedThread } from '../spine/threads';

/**
 * The thread of the image `ref` names, or with null the document's most recent thread (`peel.last`) if its image
 * is still there. A Docs image Peel does not track yet has no thread (threadId null, no turns).
 */
export function getThreadView(ref: ImageRef | null): ThreadView | null {
  const file = activeFile();
  const store = requireStore();
  const properties = store.read();
  let located: LocatedImage;
  let lead: ServerKey = 'leadSelected';
  if (ref === null) {
    const last = properties[LAST_THREAD_KEY];
    const thread = last ? storedThread(properties, last) : null;
    if (!thread) return null;
    try {
      located = locateImage(file, thread.ref);
    } catch {
      return null;
    }
    lead = 'leadLast';
  } else {
    located = locateImage(file, ref);
  }
  const thread = located.threadId ? storedThread(properties, located.threadId) : null;
  markSeen(store, properties, thread?.id ?? null);
  const summary = threadSummary(
    { ref: located.ref, threadId: located.threadId, alt: altOf(located) },
    thread,
    imageLabel(located, lead),
    callerId(),
  );
  return { ...summary, current: documentImage(located) };
}

/**
 * Target.image for the selection, or undefined when not exactly one image is selected. When the sidebar does not
 * show that picture's thread yet (`shown` is another picture, or none), the thread view comes with it: selecting
 * a picture until its edit view shows is one call. Otherwise one getProperty says whether it has a thread, or the
 * caller's read of the store (`document`) does.
 */
export function selectionImage(
  file: ActiveFile,
  shown?: ImageRef | null,
  picture?: GoogleAppsScript.Slides.PageElement | null,
  document?: StoreRead | null,
): SelectedImage | undefined {
  const located = selectedImage(file, picture);
  if (!located) return undefined;
  if (shown !== undefined && shown !== located.ref) {
    const store = document?.store ?? requireStore();
    const properties = document?.snapshot ?? store.read();
    const thread = located.threadId ? storedThread(properties, located.threadId) : null;
    markSeen(store, properties, thread?.id ?? null);
    const summary = threadSummary(
      { ref: located.ref, threadId: located.threadId, alt: altOf(located) },
      thread,
      imageLabel(located),
      callerId(),
    );
    return {
      ref: located.ref,
      threadId: thread ? thread.id : null,
      view: { ...summary, current: documentImage(located) },
    };
  }
  return selectedImageView(located, (threadId) => {
    if (document) return document.snapshot[threadKey(threadId)] !== undefined;
    const properties = PropertiesService.getDocumentProperties() as GoogleAppsScript.Properties.Properties | null;
    return Boolean(properties?.getProperty(threadKey(threadId)));
  });
}

/** One edit variant per execution, shaped like generateImage. */
export function editImage(request: EditRequest, options: MakeOptions = {}): ImageCallOutcome {
  return make({ kind: 'edit', ...request }, options);
}

/** Puts an edited variant in place of the picture it started from, if that is still the picture shown. */
export function applyEdit(request: ApplyRequest): ApplyResult {
  return place(request.imageId, {
    kind: 'base',
    keepAltDescription: request.keepAltDescription,
    resolve: request.resolve ?? null,
  });
}

/** A preview of this person's (a shown turn of a chain, or any edit not applied yet) from their cache. */
export function getPreview(imageId: string): ShownPreview {
  let pending: ReturnType<typeof takePending>;
  try {
    pending = takePending(imageId);
  } catch (error) {
    if (!(error instanceof PeelError) || error.code !== 'PREVIEW_EXPIRED') throw error;
    throw new PeelError('PREVIEW_EXPIRED', error.message, {
      ...error.details,
      sent: { references: false, conversation: true },
    });
  }
  const { image, record } = pending;
  if (!record.base) {
    throw new PeelError('BAD_INPUT', 'Not an edit', detailOf('newNotEdit'));
  }
  return { image: { ...image, costUsd: record.c }, instruction: record.i, text: record.w };
}

export function getVersionImage(threadId: string, versionId: string): ThreadImage {
  const thread = threadOrThrow(requireStore(), threadId);
  if (versionId === currentVersionId(thread) && !thread.versions.some((v) => v.id === versionId)) {
    return documentImage(locateImage(activeFile(), thread.ref));
  }
  const version = findVersion(thread, versionId);
  const mine = userHash(callerId(), threadId);
  return versionImage(driveVersionStore(), version, (version.o ?? version.u) === mine);
}

/**
 * Puts a kept version back in place of the thread's picture, if it still shows the version the person saw (to
 * restore over a newer one anyway, the person sends the version the `changed` answer named).
 */
export function restoreVersion(request: RestoreRequest): ApplyResult {
  return place(
    { threadId: request.threadId, versionId: request.versionId, seen: request.seen },
    { kind: 'base', keepAltDescription: true },
  );
}
