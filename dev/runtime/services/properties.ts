/**
 * Apps Script's PropertiesService in memory: document, user and script stores of strings, with Apps Script's
 * limits and error messages, and counters of reads and writes per store (Apps Script's daily quota counts
 * calls, so benchmarks count them too). Self-contained: no test framework imports, so the runtime can load it.
 *
 * Limits (research apps-script.md §5): 9 KB per value and 500 KB per store. Apps Script counts keys and values
 * in UTF-8 bytes toward the store; the per-value limit is measured here on the value alone.
 */

type Properties = GoogleAppsScript.Properties.Properties;

export const MAX_VALUE_BYTES = 9 * 1024;
export const MAX_STORE_BYTES = 500 * 1024;

export const VALUE_TOO_LARGE = 'Argument too large: value';
export const STORE_QUOTA_EXCEEDED =
  'You have exceeded the property storage quota. Please remove some properties and try again.';

export interface PropertyCounts {
  reads: number;
  writes: number;
}

function utf8Bytes(text: string): number {
  return new TextEncoder().encode(text).length;
}

export class FakeProperties implements Properties {
  private readonly data = new Map<string, string>();
  readonly counts: PropertyCounts = { reads: 0, writes: 0 };

  constructor(initial: Readonly<Record<string, string>> = {}) {
    for (const [key, value] of Object.entries(initial)) this.data.set(key, String(value));
  }

  /** Bytes the store uses, keys and values in UTF-8. */
  bytesUsed(data: ReadonlyMap<string, string> = this.data): number {
    let total = 0;
    for (const [key, value] of data) total += utf8Bytes(key) + utf8Bytes(value);
    return total;
  }

  /** The stored pairs, for assertions: not counted as a read. */
  snapshot(): Record<string, string> {
    return Object.fromEntries(this.data);
  }

  getProperty(key: string): string | null {
    this.counts.reads++;
    return this.data.get(String(key)) ?? null;
  }

  /** A copy, as Apps Script returns: changing it changes nothing stored. */
  getProperties(): { [key: string]: string } {
    this.counts.reads++;
    return Object.fromEntries(this.data);
  }

  getKeys(): string[] {
    this.counts.reads++;
    return [...this.data.keys()];
  }

  setProperty(key: string, value: string): Properties {
    this.counts.writes++;
    this.commit(new Map([[String(key), String(value)]]), false);
    return this;
  }

  setProperties(properties: { [key: string]: string }, deleteAllOthers = false): Properties {
    this.counts.writes++;
    const entries = Object.entries(properties).map(([k, v]): [string, string] => [k, String(v)]);
    this.commit(new Map(entries), deleteAllOthers);
    return this;
  }

  /**
   * "Deletes the property with the given key in the current Properties store", answering the store for chaining
   * (Class Properties, developers.google.com/apps-script/reference/properties/properties#deleteProperty(String)).
   * One key a call, a write against the quota like setProperty; only that key changes, so a key another execution
   * set meanwhile stays. Deleting a key that is not there is not documented; it changes nothing here.
   */
  deleteProperty(key: string): Properties {
    this.counts.writes++;
    this.data.delete(String(key));
    return this;
  }

  deleteAllProperties(): Properties {
    this.counts.writes++;
    this.data.clear();
    return this;
  }

  /** All or nothing: Apps Script rejects the whole call when one value or the new total is too large. */
  private commit(changes: ReadonlyMap<string, string>, replaceAll: boolean): void {
    for (const value of changes.values()) {
      if (utf8Bytes(value) > MAX_VALUE_BYTES) throw new Error(VALUE_TOO_LARGE);
    }
    const next = new Map(replaceAll ? [] : this.data);
    for (const [key, value] of changes) next.set(key, value);
    if (this.bytesUsed(next) > MAX_STORE_BYTES) throw new Error(STORE_QUOTA_EXCEEDED);
    this.data.clear();
    for (const [key, value] of next) this.data.set(key, value);
  }
}

export interface FakePropertiesServiceOptions {
  readonly document?: Readonly<Record<string, string>>;
  readonly user?: Readonly<Record<string, string>>;
  readonly script?: Readonly<Record<string, string>>;
  /** Outside an add-on or bound script, Apps Script returns null for document properties. */
  readonly hasDocument?: boolean;
}

export class FakePropertiesService implements GoogleAppsScript.Properties.PropertiesService {
  readonly document: FakeProperties;
  readonly user: FakeProperties;
  readonly script: FakeProperties;
  private readonly hasDocument: boolean;

  constructor(options: FakePropertiesServiceOptions = {}) {
    this.document = new FakeProperties(options.document);
    this.user = new FakeProperties(options.user);
    this.script = new FakeProperties(options.script);
    this.hasDocument = options.hasDocument ?? true;
  }

  getDocumentProperties(): Properties {
    // The declared type is non-null, but Apps Script documents null outside a document context.
    return (this.hasDocument ? this.document : null) as Properties;
  }

  getUserProperties(): Properties {
    return this.user;
  }

  getScriptProperties(): Properties {
    return this.script;
  }

  /** Reads and writes per store, for benchmarks and for tests that bound them. */
  counts(): { document: PropertyCounts; user: PropertyCounts; script: PropertyCounts } {
    return { document: { ...this.document.counts }, user: { ...this.user.counts }, script: { ...this.script.counts } };
  }
}
