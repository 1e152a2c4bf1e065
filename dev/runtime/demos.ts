/**
 * The demo documents the workbench offers (`npm start -- --demo NAME`, and the chooser at the top of its page):
 * each a deck and a document, and which of them opens first. A new demo is one line here.
 */
import type { DeckState, DocumentState } from './model';
import { demoDeck, demoDoc, demoReport, pitchDeck } from './seed';

export interface Demo {
  /** What the chooser shows. */
  readonly label: string;
  /** The editor the demo opens in. */
  readonly host: 'deck' | 'doc';
  readonly deck: () => DeckState;
  readonly doc: () => DocumentState;
}

export const DEMOS = {
  standard: { label: 'Standard demo', host: 'deck', deck: demoDeck, doc: demoDoc },
  pitch: { label: 'Pitch deck', host: 'deck', deck: pitchDeck, doc: demoDoc },
  report: { label: 'Long report', host: 'doc', deck: demoDeck, doc: demoReport },
} as const satisfies Record<string, Demo>;

export type DemoName = keyof typeof DEMOS;

export const DEFAULT_DEMO: DemoName = 'standard';

export function isDemoName(name: unknown): name is DemoName {
  return typeof name === 'string' && Object.hasOwn(DEMOS, name);
}
