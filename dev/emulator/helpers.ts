/** Shared by the emulator's own tests: raw HTTP calls and small images. */
import { decodeImage, encodePng, type Rgba } from '../support/image';

export interface JsonResponse {
  readonly status: number;
  readonly contentType: string;
  readonly text: string;
  // biome-ignore lint/suspicious/noExplicitAny: tests walk arbitrary response JSON.
  readonly json: any;
}

export async function call(
  url: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<JsonResponse> {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...init.headers };
  const body =
    init.body === undefined ? undefined : typeof init.body === 'string' ? init.body : JSON.stringify(init.body);
  const response = await fetch(url, {
    method: init.method ?? (body === undefined ? 'GET' : 'POST'),
    headers,
    ...(body === undefined ? {} : { body }),
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', text, json };
}

/** POST generateContent on the Gemini API path with an API key header. */
export function generate(base: string, model: string, body: unknown, key = 'test-key'): Promise<JsonResponse> {
  return call(`${base}/v1beta/models/${model}:generateContent`, { body, headers: { 'x-goog-api-key': key } });
}

export function userText(text: string, generationConfig?: unknown): Record<string, unknown> {
  return {
    contents: [{ role: 'user', parts: [{ text }] }],
    ...(generationConfig === undefined ? {} : { generationConfig }),
  };
}

export type Rgb = readonly [number, number, number];

/** A PNG split into four solid quadrants, easy to recognise after scaling and tinting. */
export function quadrantPng(width: number, height: number, colors: readonly [Rgb, Rgb, Rgb, Rgb]): string {
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const color = colors[(y < height / 2 ? 0 : 2) + (x < width / 2 ? 0 : 1)] ?? [0, 0, 0];
      data.set([color[0], color[1], color[2], 255], (y * width + x) * 4);
    }
  }
  return Buffer.from(encodePng({ width, height, data })).toString('base64');
}

export function decodeBase64Image(base64: string): Rgba {
  return decodeImage(Buffer.from(base64, 'base64'));
}

export function pixel(image: Rgba, fx: number, fy: number): Rgb {
  const i = (Math.floor(fy * image.height) * image.width + Math.floor(fx * image.width)) * 4;
  return [image.data[i] ?? 0, image.data[i + 1] ?? 0, image.data[i + 2] ?? 0];
}

export function distance(a: Rgb, b: Rgb): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
}

/**
 * Mean colour distance between two pictures of any sizes over a grid in their middle band, away from the
 * emulator's label band, caption and text panel.
 */
export function meanDifference(a: Rgba, b: Rgba): number {
  let total = 0;
  let count = 0;
  for (let fy = 0.15; fy <= 0.6; fy += 0.05) {
    for (let fx = 0.1; fx <= 0.9; fx += 0.05) {
      total += distance(pixel(a, fx, fy), pixel(b, fx, fy));
      count++;
    }
  }
  return total / count;
}

/** The final (non-thought) image part of a response. */
// biome-ignore lint/suspicious/noExplicitAny: response JSON.
export function finalImage(body: any): { mimeType: string; data: string; thoughtSignature?: string } | undefined {
  // biome-ignore lint/suspicious/noExplicitAny: response JSON.
  const parts: any[] = body?.candidates?.[0]?.content?.parts ?? [];
  const part = parts.filter((p) => p.inlineData !== undefined && p.thought !== true).at(-1);
  return part === undefined ? undefined : { ...part.inlineData, thoughtSignature: part.thoughtSignature };
}
