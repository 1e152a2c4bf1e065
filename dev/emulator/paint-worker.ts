/** One drawing thread of the emulator's Painter: draws each PictureSpec it is sent and posts the bytes back. */
import { parentPort } from 'node:worker_threads';
import { type PictureSpec, renderPicture } from './synth';

export type PaintResult = { readonly bytes: Uint8Array } | { readonly error: string };

const port = parentPort;
if (port === null) throw new Error('paint-worker runs only as a worker thread');
port.on('message', (spec: PictureSpec) => {
  let result: PaintResult;
  try {
    result = { bytes: renderPicture(spec) };
  } catch (error) {
    result = { error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  // Copied, not transferred: the codecs may return a view of Node's shared Buffer pool.
  port.postMessage(result);
});
