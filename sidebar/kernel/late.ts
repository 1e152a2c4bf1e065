/**
 * Code fetched after the sidebar opened. Apps Script serves no static files, so the sidebar's late part (what a
 * person needs rarely: app/parts.ts) comes through one google.script.run call, as the text of a second HTML file:
 * `<style data-peel-part="ID">…</style><script>…</script>`: its styles, and a classic script that leaves its
 * exports on a global. It was built beside this bundle and takes preact from it, so a part from another build
 * (the add-on was updated while this sidebar stayed open) is refused by its id rather than run against it.
 */
import { ServerError } from './rpc';
import { t } from './words';

export interface LateSource {
  /** The part's file as the server sends it. */
  fetch(): Promise<string>;
  /** The id the build gave the part this bundle was made with. */
  readonly id: string;
  /** Where the part's script leaves its exports. */
  readonly global: string;
  /** Adds the styles and runs the script in this page (elements, the way the page's own came). */
  add?(tag: 'style' | 'script', text: string): void;
}

export interface Late<T> {
  /** The part, once it has come; null before. */
  now(): T | null;
  /** Asks the server once; after a failure the next call asks again. */
  load(): Promise<T>;
}

const PART = /^<style data-peel-part="([\w-]+)">([^<]*)<\/style><script>([\s\S]*)<\/script>\s*$/;

function addElement(tag: 'style' | 'script', text: string): void {
  const element = document.createElement(tag);
  element.textContent = text;
  document.head.append(element);
}

export function late<T>({ fetch, id, global, add = addElement }: LateSource): Late<T> {
  let part: T | null = null;
  let asking: Promise<T> | null = null;
  async function ask(): Promise<T> {
    const match = PART.exec(await fetch());
    if (match?.[1] !== id) {
      throw new ServerError({
        code: 'INTERNAL',
        message: t('partUpdated'),
        action: t('partUpdatedDo'),
      });
    }
    const scope = globalThis as unknown as Record<string, T | undefined>;
    scope[global] = undefined;
    add('script', match[3] ?? '');
    const exports = scope[global];
    if (!exports) {
      throw new ServerError({
        code: 'INTERNAL',
        message: t('partFailed'),
        action: t('partFailedDo'),
      });
    }
    add('style', match[2] ?? '');
    part = exports;
    return exports;
  }
  return {
    now: () => part,
    load() {
      if (part) return Promise.resolve(part);
      asking ??= ask().finally(() => {
        asking = null;
      });
      return asking;
    },
  };
}
