/**
 * Inserts are all or nothing: a failure injected at every Apps Script call an insert makes (the host's, the
 * cache's, Utilities') leaves the document byte-identical, in Slides and in Docs, for every kind of insert. And
 * two people replacing the same Docs image end with one image, each told the truth.
 */
import { describe, expect, it } from 'vitest';
import { sectionBlocks } from '../../dev/runtime/docs/flow';
import type { DeckState, DocumentState, HostDocument } from '../../dev/runtime/model';
import { demoDeck, demoDoc } from '../../dev/runtime/seed';
import { DEFAULT_MODEL_ID } from '../../src/core/gemini/catalog';
import { generateImage, insertImage } from '../../src/server/rpc/api';
import type { InsertMode } from '../../src/shared/rpc';
import { type Harness, imageOf, imageReply, installServices, pngBase64, value } from './harness';

interface Scenario {
  readonly name: string;
  readonly host: 'SlidesApp' | 'DocumentApp';
  readonly mode: InsertMode;
  readonly fresh: () => HostDocument;
  /**
   * The call after which the change cannot be taken back through Apps Script (a box filled with
   * replaceWithImage is gone): failures are injected up to and including it.
   */
  readonly commit?: string;
}

const slideScenarios: Scenario[] = [
  { name: 'on the current slide', mode: 'insert', fresh: () => deckWith('slide-2', []) },
  { name: 'as the slide background', mode: 'background', fresh: () => deckWith('slide-2', []) },
  { name: 'replacing the selected picture', mode: 'replace', fresh: () => deckWith('slide-3', ['s3-image']) },
  {
    name: 'filling the picture placeholder',
    mode: 'insert',
    fresh: () => deckWith('slide-3', ['s3-picture']),
    commit: 'SlidesApp.replaceWithImage',
  },
].map((s) => ({ ...s, host: 'SlidesApp' as const, mode: s.mode as InsertMode }));

const docScenarios: Scenario[] = [
  { name: 'at the cursor, end of a paragraph', mode: 'insert', fresh: () => demoDoc() },
  { name: 'at the cursor, mid-word', mode: 'insert', fresh: () => docWithCursor(17) },
  { name: 'after the selected image', mode: 'insert', fresh: () => docWithImageSelected() },
  { name: 'replacing the selected image', mode: 'replace', fresh: () => docWithImageSelected() },
].map((s) => ({ ...s, host: 'DocumentApp' as const, mode: s.mode as InsertMode }));

function deckWith(pageId: string, elementIds: string[]): DeckState {
  const deck = demoDeck();
  deck.selection = { pageId, elementIds, text: null };
  return deck;
}

function docWithCursor(offset: number): DocumentState {
  const doc = demoDoc();
  doc.selection = { cursor: { section: 'body', blockId: 'b-readers', offset }, range: null, imageId: null };
  return doc;
}

function docWithImageSelected(): DocumentState {
  const doc = demoDoc();
  const figure = sectionBlocks(doc, 'body').find((b) => b.id === 'b-figure');
  const old = figure?.children[0];
  if (old?.kind === 'image') old.linkUrl = 'https://example.com/plots';
  doc.selection = { cursor: null, range: null, imageId: 'img-sunrise' };
  return doc;
}

/** A fresh document with a generated image waiting to be inserted. */
function prepared(scenario: Scenario): { h: Harness; id: string } {
  const h = installServices(scenario.fresh());
  // A background must already be the slide's shape (16:9 here): Slides stretches it.
  const wide = scenario.mode === 'background';
  h.respondWith(imageReply(wide ? pngBase64(160, 90) : pngBase64(160, 120), 'A field of sunflowers.'));
  const aspectRatio = wide ? '16:9' : '4:3';
  const image = imageOf(generateImage({ prompt: 'Sunflowers', model: DEFAULT_MODEL_ID, aspectRatio, imageSize: '1K' }));
  return { h, id: image.id };
}

const insert = (id: string, mode: InsertMode) => insertImage({ imageId: id, mode });

describe.each([...slideScenarios, ...docScenarios])('an insert $name that fails at any step', (scenario) => {
  it('leaves the document byte-identical', () => {
    const services = [scenario.host, 'CacheService', 'Utilities'];
    // A clean run lists the calls; then each one fails in turn, on a fresh document.
    const clean = prepared(scenario);
    clean.h.failCall(Number.POSITIVE_INFINITY, services);
    value(insert(clean.id, scenario.mode));
    const steps = clean.h.faultLog();
    const last = scenario.commit ? steps.indexOf(scenario.commit) : steps.length - 1;
    expect(last).toBeGreaterThan(0);
    let failed = 0;
    for (let k = 0; k <= last; k++) {
      const { h, id } = prepared(scenario);
      const before = h.snapshot();
      h.failCall(k, services);
      const result = insert(id, scenario.mode);
      expect(result.ok, `failure at ${steps[k]}`).toBe(false);
      expect(h.snapshot(), `failure at step ${k}, ${steps[k]}`).toBe(before);
      failed++;
    }
    expect(failed).toBe(last + 1);
  });
});

describe('two people replacing the same image in a doc', () => {
  function figureImages(h: Harness): string[] {
    const doc = h.ctx.document as DocumentState;
    const figure = sectionBlocks(doc, 'body').find((b) => b.id === 'b-figure');
    return (figure?.children ?? []).flatMap((c) => (c.kind === 'image' ? [c.id] : []));
  }

  it('while one holds the document lock, the other waits, then hears BUSY and nothing changes', () => {
    const { h, id } = prepared(docScenarios[3] as Scenario);
    const before = h.snapshot();
    h.locks.lock.heldElsewhere = true;
    const result = insert(id, 'replace');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatchObject({ code: 'BUSY', detail: expect.stringMatching(/waited/) });
    expect(h.snapshot()).toBe(before);
    expect(h.locks.lock.maxWaitMs).toBeGreaterThan(0);
  });

  it('one after the other: one image stands where the old one was, and nobody is told a false result', () => {
    const scenario = docScenarios[3] as Scenario;
    const { h, id } = prepared(scenario);
    const first = generateImage({ prompt: 'Sunflowers', model: DEFAULT_MODEL_ID, aspectRatio: '4:3', imageSize: '1K' });
    const secondId = imageOf(first).id;
    // Both chose Replace with the old image selected; the first goes through under the lock.
    h.locks.lock.log.length = 0;
    expect(value(insert(id, 'replace')).label).toBe('Replaced the selected image');
    expect(h.locks.lock.log).toEqual(['lock', 'release']);
    expect(figureImages(h)).toHaveLength(1);
    // The second, with the same (now stale) selection, runs after the first released the lock.
    const doc = h.ctx.document as DocumentState;
    doc.selection = { cursor: null, range: null, imageId: 'img-sunrise' };
    const second = insert(secondId, 'replace');
    if (second.ok) expect(second.value.label).toBe('Replaced the selected image');
    else expect(second.error.code).toBe('UNSUPPORTED_SELECTION');
    expect(figureImages(h)).toHaveLength(1);
  });
});
