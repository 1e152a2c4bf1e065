import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Rgba } from '../support/image';
import { imageSize, sniffMime } from '../support/image';
import {
  decodeBase64Image,
  distance,
  finalImage,
  generate,
  meanDifference,
  pixel,
  quadrantPng,
  type Rgb,
  userText,
} from './helpers';
import type { Emulator } from './index';
import { startEmulator } from './index';
import { findModel, type ImageSize, MODELS, pixelSize } from './models';
import { countEditMarks, referenceTiles } from './synth';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(() => emulator.close());

const small = { responseModalities: ['TEXT', 'IMAGE'], imageConfig: { imageSize: '512' } };

describe('pixel sizes', () => {
  const model = (id: string) => {
    const spec = findModel(id, 'v1beta');
    if (spec === undefined) throw new Error(id);
    return spec;
  };

  it.each<[string, string, ImageSize, number, number]>([
    ['gemini-3-pro-image', '1:1', '1K', 1024, 1024],
    ['gemini-3-pro-image', '16:9', '1K', 1376, 768],
    ['gemini-3-pro-image', '16:9', '2K', 2752, 1536],
    ['gemini-3-pro-image', '16:9', '4K', 5504, 3072],
    ['gemini-3-pro-image', '21:9', '4K', 6336, 2688],
    ['gemini-3.1-flash-image', '16:9', '512', 688, 384],
    ['gemini-3.1-flash-image', '4:1', '1K', 2048, 512],
    ['gemini-3.1-flash-image', '1:8', '512', 192, 1536],
    ['gemini-2.5-flash-image', '16:9', '1K', 1344, 768],
    ['gemini-2.5-flash-image', '3:4', '1K', 864, 1184],
  ])('%s %s at %s is %i×%i', (id, ratio, size, width, height) => {
    expect(pixelSize(model(id), ratio, size)).toEqual({ width, height });
  });

  it('has a size for every ratio each model accepts', () => {
    for (const spec of MODELS) {
      for (const ratio of spec.ratios) {
        const { width, height } = pixelSize(spec, ratio, '1K');
        const [w = 0, h = 0] = ratio.split(':').map(Number);
        expect(Math.abs(width / height - w / h) / (w / h), `${spec.id} ${ratio}`).toBeLessThan(0.06);
      }
    }
  });
});

describe('generated pictures', () => {
  it('are real images of the requested size and the model format', async () => {
    const response = await generate(
      emulator.url,
      'gemini-3.1-flash-image',
      userText('Blue hills', { ...small, imageConfig: { imageSize: '512', aspectRatio: '9:16' } }),
    );
    const image = finalImage(response.json);
    const bytes = Buffer.from(image?.data ?? '', 'base64');
    expect(image?.mimeType).toBe('image/jpeg');
    expect(sniffMime(bytes)).toBe('image/jpeg');
    expect(imageSize(bytes)).toEqual({ width: 384, height: 688 });
    const decoded = decodeBase64Image(image?.data ?? '');
    expect(decoded.width * decoded.height * 4).toBe(decoded.data.length);
  });

  it('differ between calls with the same prompt, as sampling does, and repeat exactly with a seed', async () => {
    const body = userText('A red fox in the snow', small);
    const variants = await Promise.all([1, 2, 3, 4].map(() => generate(emulator.url, 'gemini-3.1-flash-image', body)));
    const data = variants.map((v) => finalImage(v.json)?.data);
    expect(new Set(data).size).toBe(4);
    // Different bytes, and different pictures: colours and shapes come from the sample.
    const [first, second] = data.map((d) => decodeBase64Image(d ?? ''));
    expect(meanDifference(first as Rgba, second as Rgba)).toBeGreaterThan(10);

    const seeded = userText('A red fox in the snow', { ...small, seed: 42 });
    const [a, b, c] = await Promise.all([
      generate(emulator.url, 'gemini-3.1-flash-image', seeded),
      generate(emulator.url, 'gemini-3.1-flash-image', seeded),
      generate(emulator.url, 'gemini-3.1-flash-image', userText('A red fox in the snow', { ...small, seed: 43 })),
    ]);
    expect(finalImage(a.json)?.data).toBe(finalImage(b.json)?.data);
    expect(finalImage(a.json)?.thoughtSignature).toBe(finalImage(b.json)?.thoughtSignature);
    expect(finalImage(a.json)?.data).not.toBe(finalImage(c.json)?.data);
    expect(a.json.responseId).not.toBe(b.json.responseId);
  });

  it('carry the "EMULATOR" band: dark strip with yellow letters at the top', async () => {
    const response = await generate(emulator.url, 'gemini-3.1-flash-image', userText('Anything', small));
    const image = decodeBase64Image(finalImage(response.json)?.data ?? '');
    const band: Rgb[] = [];
    for (let x = 0; x < 0.35; x += 0.005) band.push(pixel(image, x, 0.03));
    expect(band.some((p) => distance(p, [255, 214, 0]) < 80)).toBe(true);
    expect(band.filter((p) => p[0] + p[1] + p[2] < 120).length).toBeGreaterThan(band.length / 3);
  });
});

describe('edits', () => {
  const RED: Rgb = [230, 20, 20];
  const BLUE: Rgb = [20, 40, 230];
  const GREEN: Rgb = [20, 200, 40];
  const YELLOW: Rgb = [240, 230, 20];
  const input = quadrantPng(200, 200, [RED, BLUE, GREEN, YELLOW]);
  const samples: [number, number, Rgb][] = [
    [0.3, 0.25, RED],
    [0.7, 0.25, BLUE],
    [0.3, 0.65, GREEN],
    [0.7, 0.65, YELLOW],
  ];
  const matchesInput = (data: string) => {
    const image = decodeBase64Image(data);
    return samples.every(([x, y, color]) => distance(pixel(image, x, y), color) < 110);
  };

  it('start from the input picture, where a fresh generation does not', async () => {
    const edit = await generate(emulator.url, 'gemini-3.1-flash-image', {
      contents: [
        { role: 'user', parts: [{ text: 'Add a hat' }, { inlineData: { mimeType: 'image/png', data: input } }] },
      ],
      generationConfig: small,
    });
    const fresh = await generate(emulator.url, 'gemini-3.1-flash-image', userText('Add a hat', small));
    expect(matchesInput(finalImage(edit.json)?.data ?? '')).toBe(true);
    expect(matchesInput(finalImage(fresh.json)?.data ?? '')).toBe(false);
    expect(edit.json.usageMetadata.promptTokensDetails).toContainEqual({ modality: 'IMAGE', tokenCount: 560 });
  });

  it('default to the input picture ratio when none is asked for', async () => {
    const wide = quadrantPng(320, 180, [RED, BLUE, GREEN, YELLOW]);
    const edit = await generate(emulator.url, 'gemini-3.1-flash-image', {
      contents: [
        { role: 'user', parts: [{ text: 'Brighter' }, { inlineData: { mimeType: 'image/png', data: wide } }] },
      ],
      generationConfig: small,
    });
    expect(imageSize(Buffer.from(finalImage(edit.json)?.data ?? '', 'base64'))).toEqual({ width: 688, height: 384 });
  });
});

describe('several reference images', () => {
  const config = { responseModalities: ['TEXT', 'IMAGE'], imageConfig: { imageSize: '512', aspectRatio: '16:9' } };
  const model = 'gemini-3.1-flash-image';
  const rgb = (hex: number): Rgb => [hex >> 16, (hex >> 8) & 255, hex & 255];
  // Quadrant colours per reference: red-blue-green-yellow, cyan-magenta-orange-purple, a black and white checker.
  const palettes: readonly (readonly [Rgb, Rgb, Rgb, Rgb])[] = [
    [rgb(0xe61414), rgb(0x1428e6), rgb(0x14c828), rgb(0xf0e614)],
    [rgb(0x14dce6), rgb(0xe61ec8), rgb(0xfa8c0a), rgb(0x6e1ea0)],
    [rgb(0xffffff), rgb(0x0a0a0a), rgb(0x0a0a0a), rgb(0xffffff)],
  ];
  const references = palettes.map((colors) => quadrantPng(160, 120, colors));

  async function blend(images: readonly string[], instruction: string): Promise<Rgba> {
    const response = await generate(emulator.url, model, {
      contents: [
        {
          role: 'user',
          parts: [{ text: instruction }, ...images.map((data) => ({ inlineData: { mimeType: 'image/png', data } }))],
        },
      ],
      generationConfig: config,
    });
    expect(response.status).toBe(200);
    return decodeBase64Image(finalImage(response.json)?.data ?? '');
  }

  /** Whether the tile shows the reference: the centre of each of its quadrants has the reference's colour. */
  function tileShows(
    image: Rgba,
    tile: { x: number; y: number; width: number; height: number },
    colors: readonly Rgb[],
  ) {
    const at = (fx: number, fy: number) =>
      pixel(image, (tile.x + fx * tile.width) / image.width, (tile.y + fy * tile.height) / image.height);
    const centres: [number, number][] = [
      [0.3, 0.3],
      [0.7, 0.3],
      [0.3, 0.7],
      [0.7, 0.7],
    ];
    return centres.every(([fx, fy], i) => distance(at(fx, fy), colors[i] ?? [0, 0, 0]) < 80);
  }

  it('show a thumbnail of each input in request order, and keep the edit row', async () => {
    const picture = await blend(references.slice(0, 2), 'Blend these two into one poster');
    const tiles = referenceTiles(picture.width, picture.height, 2);
    expect(tiles.map((tile, i) => tileShows(picture, tile, palettes[i] ?? []))).toEqual([true, true]);
    // Swapped palettes do not match: the check tells the two references apart.
    expect(tiles.map((tile, i) => tileShows(picture, tile, palettes[1 - i] ?? []))).toEqual([false, false]);
    expect(countEditMarks(picture)).toBe(1);
  });

  it('show three inputs, each in its own tile', async () => {
    const picture = await blend(references, 'Put the first two in the style of the third');
    const tiles = referenceTiles(picture.width, picture.height, 3);
    expect(tiles.map((tile, i) => tileShows(picture, tile, palettes[i] ?? []))).toEqual([true, true, true]);
  });

  it('leave a one-image edit without a strip', async () => {
    const picture = await blend(references.slice(1, 2), 'Add a hat');
    const tiles = referenceTiles(picture.width, picture.height, 2);
    expect(tiles.some((tile) => tileShows(picture, tile, palettes[1] ?? []))).toBe(false);
    expect(countEditMarks(picture)).toBe(1);
  });

  it('lay fourteen inputs out in two rows of tiles inside the picture', () => {
    const tiles = referenceTiles(688, 384, 14);
    expect(new Set(tiles.map((t) => Math.round(t.y))).size).toBe(2);
    for (const t of tiles) {
      expect(t.x + t.width).toBeLessThanOrEqual(688);
      expect(t.y + t.height).toBeLessThanOrEqual(384);
      expect(t.y).toBeGreaterThan(384 * 0.55);
    }
  });
});

describe('edits by conversation', () => {
  const config = { responseModalities: ['TEXT', 'IMAGE'], imageConfig: { imageSize: '512', aspectRatio: '16:9' } };
  const model = 'gemini-3.1-flash-image';
  // The band of the picture below the edit rows and above the prompt panel: the scene itself.
  const scene = (image: Rgba) => pixel(image, 0.6, 0.62);

  /** An edit as Peel's fallback sends it: the current image as a user reference with the instruction. */
  async function editOf(image: string, instruction: string): Promise<string> {
    const response = await generate(emulator.url, model, {
      contents: [
        { role: 'user', parts: [{ inlineData: { mimeType: 'image/jpeg', data: image } }, { text: instruction }] },
      ],
      generationConfig: config,
    });
    expect(response.status).toBe(200);
    return finalImage(response.json)?.data ?? '';
  }

  it('accumulate: each edit keeps the marks of the ones before and adds its own', async () => {
    const created = await generate(emulator.url, model, userText('Create a mountain landscape', config));
    const first = finalImage(created.json)?.data ?? '';
    const lake = await editOf(first, 'Add a lake in the foreground');
    const sky = await editOf(lake, 'Make the sky more dramatic');
    const [p0, p1, p2] = [first, lake, sky].map(decodeBase64Image) as [Rgba, Rgba, Rgba];
    expect([countEditMarks(p0), countEditMarks(p1), countEditMarks(p2)]).toEqual([0, 1, 2]);
    // The scene carries through both edits: it is the first picture's, not a new one.
    expect(distance(scene(p2), scene(p0))).toBeLessThan(40);
    // The lake's row (the first, just below the band) is the same pixels after the sky edit: drawn once, then
    // carried in the input. The second row is where the sky edit wrote.
    const rowDifference = (a: Rgba, b: Rgba, fy: number) => {
      let total = 0;
      for (let fx = 0.1; fx < 0.6; fx += 0.01) total += distance(pixel(a, fx, fy), pixel(b, fx, fy));
      return total / 50;
    };
    expect(rowDifference(p1, p2, 0.09)).toBeLessThan(20);
    expect(rowDifference(p1, p2, 0.15)).toBeGreaterThan(40);
    expect(sky).not.toBe(lake);
  });

  it('accumulate through full history too: the newest model image is the starting point', async () => {
    const created = await generate(emulator.url, model, userText('Create a mountain landscape', config));
    const modelTurn = created.json.candidates[0].content;
    const response = await generate(emulator.url, model, {
      contents: [
        { role: 'user', parts: [{ text: 'Create a mountain landscape' }] },
        modelTurn,
        { role: 'user', parts: [{ text: 'Add a lake in the foreground' }] },
      ],
      generationConfig: config,
    });
    expect(response.status).toBe(200);
    const lake = decodeBase64Image(finalImage(response.json)?.data ?? '');
    expect(countEditMarks(lake)).toBe(1);
    expect(distance(scene(lake), scene(decodeBase64Image(finalImage(created.json)?.data ?? '')))).toBeLessThan(40);
  });

  it('find no edit marks on a picture that never went through an edit', () => {
    expect(
      countEditMarks(
        decodeBase64Image(
          quadrantPng(200, 200, [
            [0, 0, 0],
            [255, 255, 255],
            [0, 0, 0],
            [255, 255, 255],
          ]),
        ),
      ),
    ).toBe(0);
  });
});

describe('response parts', () => {
  it('include thought text and an interim thought image when thoughts are asked for', async () => {
    const response = await generate(
      emulator.url,
      'gemini-3.1-flash-image',
      userText('A castle', { ...small, thinkingConfig: { includeThoughts: true, thinkingLevel: 'HIGH' } }),
    );
    const parts = response.json.candidates[0].content.parts;
    expect(
      parts.map((p: Record<string, unknown>) => [
        p.thought === true,
        p.text !== undefined ? 'text' : 'image',
        typeof p.thoughtSignature,
      ]),
    ).toEqual([
      [true, 'text', 'undefined'],
      [true, 'image', 'undefined'],
      [false, 'text', 'string'],
      [false, 'image', 'string'],
    ]);
  });

  it('have no thought image on models that do not make one', async () => {
    const response = await generate(
      emulator.url,
      'gemini-3.1-flash-lite-image',
      userText('A castle', { responseModalities: ['TEXT', 'IMAGE'], thinkingConfig: { includeThoughts: true } }),
    );
    const parts = response.json.candidates[0].content.parts;
    expect(
      parts
        .filter((p: Record<string, unknown>) => p.thought === true)
        .map((p: Record<string, unknown>) => typeof p.text),
    ).toEqual(['string']);
  });

  it('follow responseModalities: image only, or text only', async () => {
    const imageOnly = await generate(
      emulator.url,
      'gemini-3.1-flash-image',
      userText('A castle', { ...small, responseModalities: ['IMAGE'] }),
    );
    expect(imageOnly.json.candidates[0].content.parts).toHaveLength(1);
    expect(imageOnly.json.candidates[0].content.parts[0].inlineData.mimeType).toBe('image/jpeg');
    const textOnly = await generate(
      emulator.url,
      'gemini-3-pro-image',
      userText('A castle', { responseModalities: ['TEXT'] }),
    );
    expect(finalImage(textOnly.json)).toBeUndefined();
    expect(textOnly.json.usageMetadata.candidatesTokensDetails[0].modality).toBe('TEXT');
  });

  it('use the per-model image token counts', async () => {
    const pro = await generate(
      emulator.url,
      'gemini-3-pro-image',
      userText('A castle', { responseModalities: ['IMAGE'] }),
    );
    expect(pro.json.usageMetadata.candidatesTokensDetails).toEqual([{ modality: 'IMAGE', tokenCount: 1120 }]);
    const flash = await generate(emulator.url, 'gemini-3.1-flash-image', userText('A castle', small));
    expect(flash.json.usageMetadata.candidatesTokensDetails).toEqual([{ modality: 'IMAGE', tokenCount: 747 }]);
  });
});

describe('thought signature size', () => {
  it('follows signatureBytes, so clients can be tested with megabyte signatures', async () => {
    const big = await startEmulator({ signatureBytes: 1_000_000 });
    try {
      const response = await generate(big.url, 'gemini-3.1-flash-image', userText('x', small));
      expect(Buffer.from(finalImage(response.json)?.thoughtSignature ?? '', 'base64').length).toBe(1_000_000);
    } finally {
      await big.close();
    }
  });
});
