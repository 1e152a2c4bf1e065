import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeImage, imageSize } from '../support/image';
import { writeListing } from './listing';

describe('npm run listing', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it('writes the icons and the banner at the sizes the Marketplace asks for, into a folder it makes', async () => {
    const parent = await mkdtemp(path.join(tmpdir(), 'peel-listing-test-'));
    dirs.push(parent);
    const out = path.join(parent, 'docs', 'listing');
    const said: string[] = [];
    const written = await writeListing({ out, screenshots: false, say: (line) => said.push(line) });

    expect(written.map((file) => path.basename(file))).toEqual(['icon-32.png', 'icon-128.png', 'banner-220x140.png']);
    expect((await readdir(out)).sort()).toEqual(['banner-220x140.png', 'icon-128.png', 'icon-32.png']);
    expect(said).toHaveLength(3);
    const sizes = Object.fromEntries(
      await Promise.all(written.map(async (file) => [path.basename(file), imageSize(await readFile(file))])),
    );
    expect(sizes).toEqual({
      'icon-32.png': { width: 32, height: 32 },
      'icon-128.png': { width: 128, height: 128 },
      'banner-220x140.png': { width: 220, height: 140 },
    });
  });

  it('draws an icon with transparent corners and a solid middle, and an opaque banner', async () => {
    const out = await mkdtemp(path.join(tmpdir(), 'peel-listing-test-'));
    dirs.push(out);
    await writeListing({ out, screenshots: false });
    const alpha = (image: ReturnType<typeof decodeImage>, x: number, y: number) =>
      image.data[(y * image.width + x) * 4 + 3];
    for (const [name, size] of [
      ['icon-32.png', 32],
      ['icon-128.png', 128],
    ] as const) {
      const icon = decodeImage(await readFile(path.join(out, name)));
      expect(alpha(icon, 0, 0), name).toBe(0);
      expect(alpha(icon, size - 1, size - 1), name).toBe(0);
      expect(alpha(icon, size / 2, size / 2), name).toBe(255);
    }
    const banner = decodeImage(await readFile(path.join(out, 'banner-220x140.png')));
    const alphas = new Set<number>();
    for (let i = 3; i < banner.data.length; i += 4) alphas.add(banner.data[i] ?? 0);
    expect([...alphas]).toEqual([255]);
  });
});
