/**
 * The workbench's file: both emulated documents and the runtime's world (properties, …), so a restart picks
 * up where the last session stopped. Written whole to a temporary file and renamed, so a crash mid-write
 * leaves the previous state rather than half a file.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { DemoName } from '../runtime/demos';
import type { DeckState, DocumentState } from '../runtime/model';
import type { HostKind } from './protocol';

export const STATE_VERSION = 1;

export interface SavedState {
  readonly version: typeof STATE_VERSION;
  /** Which demo the documents started from; absent in states saved before there were several (the standard one). */
  demo?: DemoName;
  host: HostKind;
  deck: DeckState;
  doc: DocumentState;
  /** `World.toJSON()`; its document is the active one and is replaced by `deck`/`doc` on load. */
  world: unknown;
  /** Hashes of image bytes that came from the emulator, so the mark survives a restart. */
  emulatorImages: string[];
}

function isSavedState(value: unknown): value is SavedState {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<SavedState>;
  return (
    v.version === STATE_VERSION &&
    (v.host === 'deck' || v.host === 'doc') &&
    v.deck?.kind === 'deck' &&
    v.doc?.kind === 'doc' &&
    Array.isArray(v.emulatorImages)
  );
}

/** The saved state, or null when there is none or it is from another version (the caller seeds the demo). */
export async function loadState(file: string): Promise<SavedState | null> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (isSavedState(parsed)) return parsed;
  } catch {
    // Fall through: a file we cannot read is replaced by the demo, with a warning.
  }
  console.warn(`Workbench: ignoring ${file} (unreadable or from another version); starting from the demo.`);
  return null;
}

export async function saveState(file: string, state: SavedState): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, JSON.stringify(state));
  await rename(temp, file);
}
