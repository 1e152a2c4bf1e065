/**
 * Reference images (issue 12): kept per user like previews, named for the document, taken from the selection.
 * CONTRACT STUB: the issue-12 server work replaces every body here.
 */
import { PeelError } from '../core/errors';
import type { ReferenceImage } from '../core/gemini/request';
import type { PinReferenceRequest, ReferenceUse, UploadReferenceRequest } from '../shared/requests';
import type { DocumentImage, NamedReference, ReferenceHandle, TakenReference } from '../shared/rpc';

const notBuilt = (): never => {
  throw new PeelError('INTERNAL', 'Not built yet');
};

export function uploadReference(_request: UploadReferenceRequest): ReferenceHandle {
  return notBuilt();
}
export function listDocumentImages(): DocumentImage[] {
  return notBuilt();
}
export function takeDocumentImage(_ref: string): TakenReference {
  return notBuilt();
}
export function namedReferences(): NamedReference[] {
  return notBuilt();
}
export function pinReference(_request: PinReferenceRequest): NamedReference[] {
  return notBuilt();
}
export function unpinReference(_name: string): NamedReference[] {
  return notBuilt();
}
export function takeNamedReference(_name: string): TakenReference {
  return notBuilt();
}

/**
 * The images a request's references stand for, in order (handles from the caller's cache, named references from
 * the caller's cache or their source). Generate, edit, the deck's style and jobs all resolve references here.
 */
export function referenceImages(_uses: readonly ReferenceUse[]): ReferenceImage[] {
  return notBuilt();
}
