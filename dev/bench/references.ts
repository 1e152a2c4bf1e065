/**
 * Reference images (issue 12) in the bench: how much a blend request weighs beside its references, and how many
 * bytes cross google.script.run for one reference uploaded once and used in three generations.
 */

import type { ExecutionResult, Runtime } from '../runtime/index';
import { encodePng } from '../support/image';

interface Outcome {
  readonly ok: boolean;
  readonly value?: unknown;
  readonly error?: unknown;
}

export interface ReferenceFigures {
  /** JSON body the emulator received for a two-reference blend ÷ the references' decoded bytes. */
  readonly blendRatio: number;
  readonly blendBodyBytes: number;
  readonly blendReferenceBytes: number;
  /** google.script.run bytes for one upload and three generate calls' arguments ÷ the reference's bytes. */
  readonly rpcRatio: number;
  readonly referenceBytes: number;
}

/**
 * A reference as the sidebar sends it after scaling: a 768 × 576 PNG with noise in it, so it does not compress to
 * nothing (a photo scaled in the browser is several hundred KB).
 */
function scaledReference(seed: number): { mimeType: string; base64: string; pixelWidth: number; pixelHeight: number } {
  const width = 768;
  const height = 576;
  const data = new Uint8Array(width * height * 4);
  let state = seed;
  for (let i = 0; i < width * height; i++) {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    data.set([(i % width) & 0xff, (state >> 8) & 0xff, (state >> 16) & 0x7f, 255], i * 4);
  }
  const png = encodePng({ width, height, data });
  return { mimeType: 'image/png', base64: Buffer.from(png).toString('base64'), pixelWidth: width, pixelHeight: height };
}

const rpcBytes = (args: unknown[], result: ExecutionResult | null) =>
  Buffer.byteLength(JSON.stringify(args)) + (result ? Buffer.byteLength(JSON.stringify(result.value ?? null)) : 0);

function answer<T>(result: ExecutionResult, what: string): T {
  const wire = result.value as Outcome | undefined;
  if (!wire?.ok) throw new Error(`${what} failed: ${JSON.stringify(wire?.error ?? result.record.error)}`);
  return wire.value as T;
}

export async function benchReferences(
  runtime: Runtime,
  emulatorUrl: string,
  request: () => { prompt: string; model: string; aspectRatio: string; imageSize: string },
): Promise<ReferenceFigures> {
  const run = (name: string, args: unknown[]) => runtime.run(name, args, { trigger: 'script.run' });
  const upload = async (seed: number) => {
    const file = scaledReference(seed);
    const args = [file];
    const result = await run('uploadReference', args);
    const handle = answer<{ id: string; bytes: number }>(result, 'uploadReference');
    return { handle, args, result };
  };

  // The blend: two references, one request; its body as the emulator received it.
  const a = await upload(1);
  const b = await upload(2);
  const blendArgs = [
    {
      ...request(),
      references: [
        { kind: 'handle', id: a.handle.id, role: 'subject' },
        { kind: 'handle', id: b.handle.id, role: 'style' },
      ],
    },
  ];
  answer(await run('generateImage', blendArgs), 'generateImage (blend)');
  const recorded = (await (await fetch(`${emulatorUrl}/__emulator/requests`)).json()) as {
    requests: { path: string; body: unknown }[];
  };
  const blend = recorded.requests.filter((r) => r.path.includes(':generateContent')).at(-1);
  if (!blend) throw new Error('the emulator recorded no blend request');
  // Peel sends JSON.stringify of the body (core/gemini/request.ts), so this is the body's size as sent.
  const blendBodyBytes = Buffer.byteLength(JSON.stringify(blend.body));
  const blendReferenceBytes = a.handle.bytes + b.handle.bytes;

  // One reference uploaded once, used in three generations that carry only its id. The generate answers are the
  // new images (rpc_bytes_per_image measures those), so only their arguments count here.
  const c = await upload(3);
  let bytes = rpcBytes(c.args, c.result);
  for (let i = 0; i < 3; i++) {
    const args = [{ ...request(), references: [{ kind: 'handle', id: c.handle.id, role: 'subject' }] }];
    answer(await run('generateImage', args), 'generateImage (with a reference)');
    bytes += rpcBytes(args, null);
  }
  return {
    blendRatio: blendBodyBytes / blendReferenceBytes,
    blendBodyBytes,
    blendReferenceBytes,
    rpcRatio: bytes / c.handle.bytes,
    referenceBytes: c.handle.bytes,
  };
}
