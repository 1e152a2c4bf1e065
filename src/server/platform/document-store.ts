/**
 * Peel's shared state in a document: document properties, which every collaborator running Peel in that
 * document reads and writes. Two kinds of write keep them consistent:
 *
 * - A change that depends on what is stored (a thread's turn, a job's item, the style, a fold of the costs) is a
 *   read-modify-write under the document lock (lock.ts), planned from a read made under that same lock.
 * - A key nobody else writes (a cost entry keyed by its image's id, a new picture's thread, a seen mark) is added
 *   with one setProperties and no lock: there is nothing to serialise it against, since no plan depends on it.
 *
 * What makes the second safe is how the first writes: it sets only the keys it sets (one setProperties) and
 * deletes only the keys it removes (one deleteProperty each), all of them keys it read under the lock. A rewrite
 * with setProperties(all, deleteAllOthers) would be one call instead of one per deleted key, but it drops every
 * key added between its read and its write; the lock used to keep adds out of that gap, at three service calls
 * (getDocumentLock, tryLock, releaseLock) for every Generate's cost and every Insert's thread. A delete per key
 * costs where keys leave (a fold, a prune, a finished job), which is rarer than where they come. An add that
 * lands inside a locked update therefore survives it, and the update's plan never counted on it being absent.
 * Keys that nobody writes any more once an update is written (`drop`: a finished job's items, once its header is
 * gone) are deleted after the lock is released, so ending a 100-item job holds the lock for one delete, not 101.
 *
 * Writes by key are not all or nothing as one rewrite was: an update whose later call fails (the daily quota)
 * puts back what it already did, as a failed `commit` does, by restoring exactly the keys it changed to what it
 * read and deleting the keys it added. Sets go before deletes: a fold that stops half way counts an entry twice
 * for a moment rather than losing it. A rollback touches only keys this update read or set under the lock, which
 * no other execution writes meanwhile, except `peel.last` (anyone's to overwrite): a rollback may set back an
 * older name there, which only changes which thread a sidebar reopened with nothing selected offers.
 *
 * Peel's budget holds without the lock: an unlocked add is decided from an earlier read (its caller's), with
 * room kept for it (store-budget.ts), and one that might not fit goes through the locked update instead, which
 * can make room. (Document properties belong to the script: no other add-on writes Peel's store.) Apps Script's
 * limits apply: 9 KB per value and 500 KB per store; a setProperties that breaks one changes nothing.
 */

import { addToBin, binned } from '../../core/bin';
import { makeRoom } from '../../core/conversation/condense';
import { DOCS_WIDTH_PROPERTY, type DocsWidth, parseDocsWidth } from '../../core/docs-width';
import { orphanedItemKeys } from '../../core/jobs';
import { afterWrite, BIN_PROPERTY, checkWrite, peelBytes, roomLimit, storeFull } from '../../core/store-budget';
import { type LockPort, openDocumentLock, underDocumentLock } from './lock';

export type PropertiesPort = Pick<
  GoogleAppsScript.Properties.Properties,
  'getProperties' | 'setProperties' | 'deleteProperty'
>;

export type Stored = Readonly<Record<string, string>>;

export interface StoreChange {
  readonly set?: Stored;
  /** Keys to delete: only those read (a key added since is someone else's, and stays). */
  readonly remove?: readonly string[];
  /**
   * Keys to delete after the lock is released: only those read, and only keys nobody writes any more once this
   * change is written (a finished job's items, once its header is removed). Deleted under the lock instead when
   * this write needs their room.
   */
  readonly drop?: readonly string[];
  /** Whether a thread's image is still in the document, asked only when room must be made (threads go first). */
  readonly exists?: (ref: string) => boolean;
}

export interface Planned<T> {
  readonly change: StoreChange;
  readonly result: T;
}

/** What an update has written so far: what a rollback undoes. */
interface Written {
  readonly set: string[];
  readonly removed: string[];
}

export class DocumentStore {
  constructor(
    private readonly properties: PropertiesPort,
    /** Opened only for a read-modify-write: a sidebar that reads the total, or an add, makes no LockService call. */
    private readonly lock: () => LockPort | null,
  ) {}

  /** One getProperties, unlocked: a snapshot to show, never the basis of a write. */
  read(): Stored {
    return this.properties.getProperties();
  }

  /**
   * Adds keys no one else writes (each made unique by its caller; `peel.last` is anyone's to overwrite): one
   * setProperties, no read, no lock. No update deletes a key it did not read, so an add cannot be lost to one
   * that was running meanwhile. It cannot make room: its caller adds only where an earlier read left room for it.
   */
  add(entries: Stored): void {
    if (Object.keys(entries).length === 0) return;
    this.write(entries);
  }

  /**
   * A read-modify-write: under the lock, one getProperties, `plan` decides from it, then one setProperties of
   * what it sets and one deleteProperty per key it removes (nothing when nothing changes). BUSY when the lock
   * does not come in time; then nothing was read or written.
   *
   * `commit`, when given, runs after the write and still under the lock: the document change the written state
   * describes (an edit applied in place). If it throws, the keys this update changed go back to what was read,
   * so the record and the document fail together (commit undoes its own document changes).
   */
  update<T>(plan: (current: Stored) => Planned<T>, commit?: (result: T) => void, waitMs?: number): T {
    let later: string[] = [];
    const value = underDocumentLock(
      () => {
        const current = this.properties.getProperties();
        const { change, result } = plan(current);
        let set: Stored = change.set ?? {};
        let remove = (change.remove ?? []).filter((key) => key in current && !(key in set));
        later = (change.drop ?? []).filter((key) => key in current && !(key in set) && !remove.includes(key));
        // Every planned write keeps Peel's budget, one check here rather than one per flow: room is made by
        // deleting garbage (keys leaving after the lock, items whose job has no header), then by pruning threads
        // nobody touched for 6 hours (their versions go to the bin, for their owners to trash), and a write that
        // still does not fit is refused (STORE_FULL). Garbage counts as the bytes it takes until it is deleted.
        if (remove.length > 0 || Object.keys(set).length > 0) {
          if (!fits(current, set, remove)) {
            const garbage = new Set([...later, ...orphanedItemKeys(current)]);
            remove = [...remove, ...[...garbage].filter((key) => !(key in set) && !remove.includes(key))];
            later = [];
          }
          const room = makeRoom(current, set, remove, change.exists);
          remove = [...remove, ...room.remove];
          const leaving = room.pruned.flatMap((thread) => binned(thread, thread.versions));
          const bin = leaving.length > 0 ? addToBin(set[BIN_PROPERTY] ?? current[BIN_PROPERTY], leaving) : undefined;
          if (bin !== undefined) set = { ...set, [BIN_PROPERTY]: bin };
          checkWrite(current, set, remove);
        }
        const written = this.apply(current, set, remove);
        if (commit) {
          try {
            commit(result);
          } catch (error) {
            this.rollBack(current, written);
            throw error;
          }
        }
        return result;
      },
      this.lock(),
      waitMs,
    );
    this.sweep(later);
    return value;
  }

  /**
   * Deletes keys nobody writes any more, without the lock, one deleteProperty each. The update that chose them is
   * written, so a failure is logged rather than thrown, and the sweep stops there: what is left is found as
   * garbage by the next update that needs its room or ends a job (two sweeps may meet on one key; deleting a key
   * already gone is not documented, hence stopping rather than counting on it).
   */
  private sweep(keys: readonly string[]): void {
    for (const key of keys) {
      try {
        this.properties.deleteProperty(key);
      } catch (error) {
        console.error(error instanceof Error ? error.stack : String(error));
        return;
      }
    }
  }

  /**
   * Sets, then deletes, so nothing leaves before what replaces it is written (a fold's total before its entries
   * go). A call that fails takes back the calls before it.
   */
  private apply(current: Stored, set: Stored, remove: readonly string[]): Written {
    const written: Written = { set: [], removed: [] };
    if (Object.keys(set).length > 0) {
      this.write(set);
      written.set.push(...Object.keys(set));
    }
    for (const key of remove) {
      try {
        this.properties.deleteProperty(key);
      } catch (error) {
        this.rollBack(current, written);
        throw refused(error);
      }
      written.removed.push(key);
    }
    return written;
  }

  /**
   * Exactly the keys this update changed go back to what it read: values set back in one setProperties, keys it
   * added deleted. Every one of them was read under the lock this update still holds, so no collaborator's write
   * is undone, and a key added meanwhile by someone else is not among them. A rollback that fails is logged: the
   * caller hears the failure that caused it.
   */
  private rollBack(current: Stored, written: Written): void {
    const back: Record<string, string> = {};
    const added: string[] = [];
    for (const key of [...written.set, ...written.removed]) {
      const value = current[key];
      if (value === undefined) added.push(key);
      else back[key] = value;
    }
    try {
      if (Object.keys(back).length > 0) this.properties.setProperties(back);
      for (const key of added) this.properties.deleteProperty(key);
    } catch (error) {
      console.error(error instanceof Error ? error.stack : String(error));
    }
  }

  /** setProperties, with Apps Script's refusals as STORE_FULL (refused). All or nothing: a refusal changed nothing. */
  private write(entries: Stored): void {
    try {
      this.properties.setProperties({ ...entries });
    } catch (error) {
      throw refused(error);
    }
  }
}

/** Whether a write keeps Peel's budget as it is planned, without making room. */
function fits(current: Stored, set: Stored, remove: readonly string[]): boolean {
  const after = afterWrite(current, set, remove);
  if (peelBytes(after) > roomLimit(after)) return false;
  try {
    checkWrite(current, set, remove);
    return true;
  } catch {
    return false;
  }
}

/**
 * Apps Script's refusals as STORE_FULL: "Argument too large" (a value over 9 KB), "You have exceeded the property
 * storage quota" (the document's 500 KB, shared with other scripts), and "Service invoked too many times for one
 * day: properties" (the daily quota; Quotas for Google Services). Anything else as it came.
 */
function refused(error: unknown): unknown {
  const text = error instanceof Error ? error.message : String(error);
  if (/Argument too large|property storage quota/i.test(text)) {
    return storeFull(`PropertiesService: ${text}`, 'The document’s store is full: Peel could not save this.');
  }
  if (/too many times/i.test(text)) {
    return storeFull(
      `PropertiesService: ${text}`,
      'Google’s daily limit on saving add-on data has been reached for this account; it resets within a day.',
    );
  }
  return error;
}

/** The open document's store, or null outside a document (no document properties there). */
export function openDocumentStore(): DocumentStore | null {
  const properties = PropertiesService.getDocumentProperties() as GoogleAppsScript.Properties.Properties | null;
  if (!properties) return null;
  return new DocumentStore(properties, openDocumentLock);
}

/** The document store and one read of it, for callers that share that read. */
export interface StoreRead {
  readonly store: DocumentStore;
  readonly snapshot: Stored;
}

/** One getProperties of the document store; null outside a document. */
export function readDocumentStore(): StoreRead | null {
  const store = openDocumentStore();
  return store ? { store, snapshot: store.read() } : null;
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
