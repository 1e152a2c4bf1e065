/** The page's calls to the workbench server. Every answer is the whole new state, so the page just draws it. */

import type { HostKind, SelectionUpdate, WorkbenchState } from '../protocol';

/**
 * A server path with this page's `?user=` (and `?account=`), so everything this browser context runs (onOpen, the
 * menu, the sidebar's calls through the relay) runs as the user its URL names, signed in as its URL says; the
 * server validates both values.
 */
export function asUser(path: string): string {
  const own = new URLSearchParams(window.location.search);
  const passed = new URLSearchParams();
  for (const name of ['user', 'account']) {
    const value = own.get(name);
    if (value !== null) passed.set(name, value);
  }
  const query = passed.toString();
  return query ? `${path}?${query}` : path;
}

async function post(path: string, body: unknown = {}): Promise<WorkbenchState> {
  const response = await fetch(asUser(path), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as WorkbenchState | { error: string };
  if (!response.ok || 'error' in json) throw new Error('error' in json ? json.error : `HTTP ${response.status}`);
  return json;
}

export const api = {
  state: async (): Promise<WorkbenchState> => (await fetch(asUser('/api/state'))).json() as Promise<WorkbenchState>,
  open: () => post('/api/open'),
  switchHost: (host: HostKind) => post('/api/host', { host }),
  select: (update: SelectionUpdate) => post('/api/selection', update),
  menu: (functionName: string) => post('/api/menu', { functionName }),
  close: (kind: 'sidebar' | 'dialog') => post('/api/close', { kind }),
  dismissAlerts: () => post('/api/dismiss-alerts'),
  /** Back to the current demo's documents, or to another demo's. */
  reset: (demo?: string) => post('/api/reset', demo === undefined ? {} : { demo }),
};

/**
 * Calls `onChange` whenever the server says something changed (Server-Sent Events). EventSource reconnects
 * by itself after a restart of the server, and the first message after connecting triggers a fresh fetch.
 */
export function subscribe(onChange: (version: number) => void): () => void {
  const source = new EventSource('/api/events');
  source.onmessage = (event: MessageEvent<string>) => onChange(Number(event.data));
  return () => source.close();
}

/** Characters from the start of `container` to a DOM point; elements marked data-atom (images) count one. */
export function offsetIn(container: Element, node: Node, offset: number): number {
  if (!container.contains(node)) {
    // Outside: before the container counts as its start, after as its end.
    const after = container.compareDocumentPosition(node) & Node.DOCUMENT_POSITION_FOLLOWING;
    return after ? offsetIn(container, container, container.childNodes.length) : 0;
  }
  const range = document.createRange();
  range.setStart(container, 0);
  range.setEnd(node, offset);
  const fragment = range.cloneContents();
  return (fragment.textContent ?? '').length + fragment.querySelectorAll('[data-atom]').length;
}

/** The caret position under a point, in the browsers' two spellings. */
export function caretAt(x: number, y: number): { node: Node; offset: number } | null {
  const doc = document as Document & {
    caretPositionFromPoint?: (x: number, y: number) => { offsetNode: Node; offset: number } | null;
  };
  if (doc.caretPositionFromPoint) {
    const p = doc.caretPositionFromPoint(x, y);
    return p ? { node: p.offsetNode, offset: p.offset } : null;
  }
  const r = document.caretRangeFromPoint?.(x, y);
  return r ? { node: r.startContainer, offset: r.startOffset } : null;
}

export function imageSrc(image: { mimeType: string; base64: string }): string {
  return `data:${image.mimeType};base64,${image.base64}`;
}
