/**
 * Peel's shared state in a document: document properties, which every collaborator running Peel in that
 * document reads and writes. The rule that keeps them consistent: every write happens under the document lock
 * (lock.ts), and a write that depends on what is stored is planned from a read made under that same lock.
 * Nothing rewrites properties it did not read under the lock; so a rewrite with deleteAllOthers, the only way
 * Apps Script deletes many keys in one call, is safe here, because no other writer can slip in between.
 * (Document properties belong to the script: no other add-on writes Peel's store.)
 *
 * Costs (costs.ts) and, next, each image's edit thread stand on this. Apps Script's limits apply: 9 KB per
 * value and 500 KB per store; setProperties is all or nothing, so a write that breaks a limit changes nothing.
 */

import { addToBin, binned } from '../../core/bin';
import { makeRoom } from '../../core/conversation/condense';
import { DOCS_WIDTH_PROPERTY, type DocsWidth, parseDocsWidth } from '../../core/docs-width';
import { BIN_PROPERTY, checkWrite, storeFull } from '../../core/store-budget';
import { type LockPort, openDocumentLock, underDocumentLock } from './lock';

export type PropertiesPort = Pick<GoogleAppsScript.Properties.Properties, 'getProperties' | 'setProperties'>;

export type Stored = Readonly<Record<string, string>>;

export interface StoreChange {
  readonly set?: Stored;
  /** Keys to delete: they must be among those read (deleting is a rewrite of what was read). */
  readonly remove?: readonly string[];
  /** Whether a thread's image is still in the document, asked only when room must be made (threads go first). */
  readonly exists?: (ref: string) => boolean;
}

export interface Planned<T> {
  readonly change: StoreChange;
  readonly result: T;
}

export class DocumentStore {
  constructor(
    private readonly properties: PropertiesPort,
    /** Opened only when writing: a sidebar that just reads the total makes no LockService call. */
    private readonly lock: () => LockPort | null,
  ) {}

  /** One getProperties, unlocked: a snapshot to show, never the basis of a write. */
  read(): Stored {
    return this.properties.getProperties();
  }

  /**
   * Adds keys no one else writes (each made unique by its caller): one setProperties under the lock, no read.
   * The lock is what keeps an add from landing between another execution's read and its rewrite.
   */
  add(entries: Stored): void {
    if (Object.keys(entries).length === 0) return;
    underDocumentLock(() => this.write(entries), this.lock());
  }

  /**
   * A read-modify-write: under the lock, one getProperties, `plan` decides from it, and one write (none when
   * nothing changes). BUSY when the lock does not come in time; then nothing was read or written.
   *
   * `commit`, when given, runs after the write and still under the lock: the document change the written state
   * describes (an edit applied in place). If it throws, the store is rewritten to exactly what was read, so the
   * record and the document fail together (commit undoes its own document changes).
   */
  update<T>(plan: (current: Stored) => Planned<T>, commit?: (result: T) => void, waitMs?: number): T {
    return underDocumentLock(
      () => {
        const current = this.properties.getProperties();
        const { change, result } = plan(current);
        let set: Stored = change.set ?? {};
        let remove = (change.remove ?? []).filter((key) => key in current && !(key in set));
        // Every planned write keeps Peel's budget, one check here rather than one per flow: room is made by
        // pruning threads nobody touched for 6 hours (their versions go to the bin, for their owners to trash),
        // and a write that still does not fit is refused (STORE_FULL).
        if (remove.length > 0 || Object.keys(set).length > 0) {
          const room = makeRoom(current, set, remove, change.exists);
          remove = [...remove, ...room.remove];
          const leaving = room.pruned.flatMap((thread) => binned(thread, thread.versions));
          const bin = leaving.length > 0 ? addToBin(set[BIN_PROPERTY] ?? current[BIN_PROPERTY], leaving) : undefined;
          if (bin !== undefined) set = { ...set, [BIN_PROPERTY]: bin };
          checkWrite(current, set, remove);
        }
        if (remove.length > 0) {
          const next: Record<string, string> = { ...current, ...set };
          for (const key of remove) delete next[key];
          this.write(next, true);
        } else if (Object.keys(set).length > 0) {
          this.write(set);
        }
        if (commit) {
          try {
            commit(result);
          } catch (error) {
            // Only keys this execution read under the lock are rewritten, so nobody else's write is lost.
            if (remove.length > 0 || Object.keys(set).length > 0) this.properties.setProperties({ ...current }, true);
            throw error;
          }
        }
        return result;
      },
      this.lock(),
      waitMs,
    );
  }

  /**
   * setProperties, with Apps Script's refusals as STORE_FULL: "Argument too large" (a value over 9 KB), "You have
   * exceeded the property storage quota" (the document's 500 KB, shared with other scripts), and "Service invoked
   * too many times for one day: properties" (the daily quota; Quotas for Google Services). setProperties is all
   * or nothing, so a refusal changed nothing.
   */
  private write(entries: Stored, deleteAllOthers = false): void {
    try {
      if (deleteAllOthers) this.properties.setProperties({ ...entries }, true);
      else this.properties.setProperties({ ...entries });
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      if (/Argument too large|property storage quota/i.test(text)) {
        throw storeFull(`PropertiesService: ${text}`, 'The document’s store is full: Peel could not save this.');
      }
      if (/too many times/i.test(text)) {
        throw storeFull(
          `PropertiesService: ${text}`,
          'Google’s daily limit on saving add-on data has been reached for this account; it resets within a day.',
        );
      }
      throw error;
    }
  }
}

/**
 * The open document's store, or null outside a document (no document properties there). `lockHeld`: the caller
 * already holds the document lock (an insert and its thread under one hold), so the store takes no lock of its
 * own: a nested releaseLock would free the caller's.
 */
export function openDocumentStore(options: { readonly lockHeld?: boolean } = {}): DocumentStore | null {
  const properties = PropertiesService.getDocumentProperties() as GoogleAppsScript.Properties.Properties | null;
  if (!properties) return null;
  return new DocumentStore(properties, options.lockHeld ? () => null : openDocumentLock);
}

/** Docs: the width new images take in this document, from a snapshot of its properties. */
export function docsWidthIn(properties: Stored): DocsWidth {
  return parseDocsWidth(properties[DOCS_WIDTH_PROPERTY]);
}

/** Remembers the Docs width for everyone inserting in this document: one write under the lock, none if unchanged. */
export function writeDocsWidth(store: DocumentStore, width: DocsWidth): DocsWidth {
  return store.update((current) => ({
    change:
      docsWidthIn(current) === width && DOCS_WIDTH_PROPERTY in current ? {} : { set: { [DOCS_WIDTH_PROPERTY]: width } },
    result: width,
  }));
}
