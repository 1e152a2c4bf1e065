/**
 * All-or-nothing edits to a document. Slides and Docs have no transactions: each Apps Script call is applied
 * as it is made, so an insert that fails after its first change would leave half of itself behind (an image
 * without its alt text, a new paragraph with nothing in it, the new image beside the old one). Each change
 * registers how to take itself back; when a later step throws, those run newest first and the first error is
 * what the caller sees.
 */
export type Undo = (step: () => void) => void;

export function allOrNothing<T>(work: (undo: Undo) => T): T {
  const steps: (() => void)[] = [];
  try {
    return work((step) => steps.push(step));
  } catch (error) {
    for (const step of steps.reverse()) {
      try {
        step();
      } catch (undoError) {
        // Keep undoing the rest; the original failure is the one the user hears about.
        console.error(undoError instanceof Error ? undoError.stack : String(undoError));
      }
    }
    throw error;
  }
}
