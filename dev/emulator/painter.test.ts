import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { Painter } from './painter';
import { type PictureSpec, renderPicture } from './synth';

const here = path.dirname(fileURLToPath(import.meta.url));

// Small Buffers come from Node's shared pool, so this seed is a view at an offset into a larger ArrayBuffer.
const seed = (hex: string): Uint8Array => Buffer.from(hex.repeat(16), 'hex');

const specs: PictureSpec[] = [
  {
    kind: 'fresh',
    text: 'A lighthouse at dawn',
    seed: seed('a1'),
    width: 320,
    height: 180,
    mime: 'image/jpeg',
    caption: 'x',
  },
  {
    kind: 'fresh',
    text: 'A draft',
    seed: seed('b2'),
    width: 200,
    height: 200,
    mime: 'image/png',
    caption: 'y',
    draft: true,
  },
  {
    kind: 'edit',
    text: 'Add a lake',
    seed: seed('c3'),
    width: 240,
    height: 240,
    mime: 'image/png',
    caption: 'z',
    source: { width: 16, height: 8, data: new Uint8Array(16 * 8 * 4).map((_, i) => (i * 37) % 256) },
  },
  { kind: 'edit', text: 'Warmer', seed: seed('d4'), width: 300, height: 200, mime: 'image/jpeg', caption: 'w' },
];

let painter: Painter | undefined;
afterEach(async () => {
  await painter?.close();
  painter = undefined;
});

describe('Painter', () => {
  it('draws, several at once, exactly the bytes renderPicture draws on this thread', async () => {
    painter = new Painter(2);
    const drawn = await Promise.all(specs.map((spec) => (painter as Painter).draw(spec)));
    for (const [i, spec] of specs.entries()) {
      expect(Buffer.from(drawn[i] ?? []).equals(Buffer.from(renderPicture(spec))), `spec ${i}`).toBe(true);
    }
  });

  it('rejects a drawing that fails with its error, and keeps drawing', async () => {
    painter = new Painter(1);
    const broken = { ...specs[0], text: undefined } as unknown as PictureSpec;
    await expect(painter.draw(broken)).rejects.toThrow(/Drawing failed: TypeError/);
    const spec = specs[0] as PictureSpec;
    expect(Buffer.from(await painter.draw(spec)).equals(Buffer.from(renderPicture(spec)))).toBe(true);
  });

  it('fails drawings under way when closed, and draws nothing after', async () => {
    painter = new Painter(1);
    const spec = specs[0] as PictureSpec;
    await painter.draw(spec);
    const underWay = painter.draw(spec);
    const queued = painter.draw(spec);
    // A turn later the first is on the only thread and the second waits for it.
    await new Promise(setImmediate);
    const failed = Promise.all([expect(underWay).rejects.toThrow(), expect(queued).rejects.toThrow(/closed/)]);
    await painter.close();
    await failed;
    await expect(painter.draw(spec)).rejects.toThrow(/closed/);
  });

  it('leaves nothing running once the emulator that drew closes: the process exits by itself', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'peel-painter-'));
    try {
      const script = path.join(dir, 'exit.mts');
      const index = JSON.stringify(path.join(here, 'index.ts'));
      await writeFile(
        script,
        `import { startEmulator } from ${index};
const draw = async (url) => {
  const response = await fetch(url + '/v1beta/models/gemini-2.5-flash-image:generateContent', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-goog-api-key': 'AIzaExitTest' },
    body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'A fox' }] }] }),
  });
  await response.text();
  if (!response.ok) throw new Error(String(response.status));
};
const emulator = await startEmulator();
await draw(emulator.url);
await emulator.close();
`,
      );
      const code = await new Promise<number | null>((resolve, reject) => {
        const child = spawn(process.execPath, ['--import', 'tsx', script], {
          cwd: path.join(here, '../..'),
          stdio: 'pipe',
        });
        child.once('error', reject);
        child.once('exit', resolve);
      });
      expect(code).toBe(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
