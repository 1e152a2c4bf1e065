/**
 * The deck's style (issue 13). CONTRACT STUB: the issue-13 server work replaces every body here.
 */
import { PeelError } from '../core/errors';
import type { DeckStyle, DeckStyleView } from '../shared/rpc';

const notBuilt = (): never => {
  throw new PeelError('INTERNAL', 'Not built yet');
};

export function deckStyle(): DeckStyleView | null {
  return notBuilt();
}
export function saveStyle(_style: DeckStyle): DeckStyleView {
  return notBuilt();
}
export function proposedPalette(): string[] {
  return notBuilt();
}
