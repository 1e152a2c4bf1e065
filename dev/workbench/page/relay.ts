/**
 * The page's end of the sandboxed frames' google.script.run: a frame has no origin of its own (sandbox without
 * allow-same-origin, as Apps Script serves it), so it posts each call here and this page makes the /rpc
 * request. Only the add-on's own frames are heard, and the answer goes back to the frame that asked.
 */
import type { RpcResponse } from '../protocol';
import { asUser } from './api';

interface RpcMessage {
  readonly peelWorkbench: 'rpc';
  readonly id: number;
  readonly body: string;
}

function isRpc(data: unknown): data is RpcMessage {
  const m = data as Partial<RpcMessage> | null;
  return m?.peelWorkbench === 'rpc' && typeof m.id === 'number' && typeof m.body === 'string';
}

async function post(body: string): Promise<RpcResponse | null> {
  try {
    const response = await fetch(asUser('/rpc'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    return response.ok ? ((await response.json()) as RpcResponse) : null;
  } catch {
    return null;
  }
}

/**
 * Answers calls from the frames `frames()` returns. A sandboxed frame's origin is the opaque 'null', so the
 * frame is recognised by its window, and the answer is addressed to that window with '*' (an opaque origin
 * cannot be named as a target).
 */
export function relayRpc(event: MessageEvent, frames: () => readonly (Window | null | undefined)[]): boolean {
  if (!isRpc(event.data)) return false;
  const source = event.source as Window | null;
  if (!source || event.origin !== 'null' || !frames().includes(source)) return false;
  const { id, body } = event.data;
  void post(body).then((answer) => source.postMessage({ peelWorkbench: 'rpc-answer', id, answer }, '*'));
  return true;
}
