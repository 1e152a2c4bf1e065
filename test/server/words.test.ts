/**
 * The server's sentences at its boundary: said in the editor's language from the catalogs the build writes, in
 * English for a language Peel does not ship or a catalog it cannot read.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildWords } from '../../build/build';
import { sectionLabel } from '../../src/core/doc-sections';
import { detailOf, inEnglish, PeelError } from '../../src/core/errors';
import { DEFAULT_MODEL_ID, modelSpec } from '../../src/core/gemini/catalog';
import { offeredModel } from '../../src/core/gemini/offered';
import { checkImageOptions } from '../../src/core/gemini/options';
import { type JobItem, reviewedItem } from '../../src/core/jobs';
import { checkImage, readPolicy } from '../../src/core/policy';
import { quickInstruction } from '../../src/core/quick-edits';
import { keepCutout } from '../../src/server/flows/cutout';
import { previewExpired } from '../../src/server/platform/stash';
import { personsWords } from '../../src/server/platform/words';
import { expose } from '../../src/server/rpc/boundary';
import type { PendingRecord } from '../../src/server/spine/pending';
import { takePending } from '../../src/server/spine/place';
import { resolveRegion } from '../../src/server/spine/region';
import { regionRequest } from '../../src/shared/requests';

// The made image a cut-out is kept for, as the stash gives it back: only its record decides a refusal.
vi.mock('../../src/server/spine/place', async (original) => ({
  ...(await original<typeof import('../../src/server/spine/place')>()),
  takePending: vi.fn(),
}));

let wordsFile = '';
beforeAll(async () => {
  wordsFile = await buildWords(await mkdtemp(path.join(tmpdir(), 'peel-words-')));
});
afterEach(() => vi.unstubAllGlobals());

/** The editor's locale as Session answers it, and the words file as HtmlService serves it (counted). */
function editorSpeaks(locale: string, file: () => string = () => wordsFile) {
  const reads = vi.fn(() => ({ getContent: file }));
  vi.stubGlobal('Session', { getActiveUserLocale: () => locale });
  vi.stubGlobal('HtmlService', { createHtmlOutputFromFile: reads });
  return reads;
}

const failing = (error: PeelError) =>
  expose([], (): string => {
    throw error;
  })();

describe('the boundary’s sentences', () => {
  it('gives a German editor the German sentence and next step', () => {
    editorSpeaks('de_DE');
    expect(failing(new PeelError('NO_KEY', 'no key'))).toEqual({
      ok: false,
      error: {
        code: 'NO_KEY',
        message: 'Peel braucht einen Gemini-API-Schlüssel, bevor es Bilder erstellen kann.',
        action:
          'Öffnen Sie die Einstellungen und fügen Sie einen Schlüssel aus Google AI Studio ein (aistudio.google.com/apikey).',
      },
    });
  });

  it('fills the placeholders in the language: a wait, a model, a charge', () => {
    editorSpeaks('de');
    expect(failing(new PeelError('RATE_LIMITED', '429', { retryAfterSeconds: 20 }))).toMatchObject({
      error: { action: 'Warten Sie etwa 20 Sekunden und versuchen Sie es erneut.' },
    });
    expect(failing(new PeelError('RATE_LIMITED', '429', { retryAfterSeconds: 1 }))).toMatchObject({
      error: { action: 'Warten Sie etwa 1 Sekunde und versuchen Sie es erneut.' },
    });
    expect(failing(new PeelError('MODEL_NOT_FOUND', '404', { replacement: 'gemini-3-pro-image' }))).toMatchObject({
      error: { action: 'Wechseln Sie im Modellmenü zu gemini-3-pro-image.' },
    });
    const charged = failing(new PeelError('MALFORMED_RESPONSE', 'cut short', { chargedUsd: 0.039 }));
    expect(charged).toMatchObject({ error: { chargedUsd: 0.039 } });
    expect(!charged.ok && charged.error.action).toBe(
      'Versuchen Sie es erneut. Gemini hat trotzdem geantwortet, und Google berechnet das möglicherweise, daher hat Peel $0.039 zur Summe dieses Dokuments gezählt.',
    );
  });

  it('says a detail Peel wrote itself in the language, and a model’s own words as they came', () => {
    editorSpeaks('fr');
    let refusal: unknown;
    try {
      checkImage(
        readPolicy({ PEEL_POLICY_MAX_SIZE: '2K' }),
        { model: 'm', modelName: 'M', size: '4K', estimateUsd: 0.1 },
        {},
      );
    } catch (error) {
      refusal = error;
    }
    expect(failing(refusal as PeelError)).toMatchObject({
      error: {
        code: 'POLICY',
        detail: 'Votre organisation autorise les images jusqu’à 2K. Choisissez 2K ou moins.',
      },
    });
    expect(failing(new PeelError('MODEL_REFUSED', 'text', { detail: 'I can’t draw that.' }))).toMatchObject({
      error: { message: 'Gemini a répondu par du texte au lieu d’une image.', detail: 'I can’t draw that.' },
    });
  });

  it('stays in English for a language Peel does not ship, without reading the catalogs', () => {
    const reads = editorSpeaks('ko');
    expect(failing(new PeelError('BUSY', 'locked'))).toMatchObject({
      error: {
        message: 'Someone else is changing Peel’s data in this document.',
        action: 'Try again in a few seconds.',
      },
    });
    expect(reads).not.toHaveBeenCalled();
  });

  it('stays in English when the catalogs cannot be read, and logs why', () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    editorSpeaks('ja', () => 'not json');
    expect(personsWords()('BUSY_do')).toBe('Try again in a few seconds.');
    expect(log).toHaveBeenCalledOnce();
    log.mockRestore();
  });

  it('gives a key a language lacks in English (a catalog older than the code)', () => {
    editorSpeaks('es', () => JSON.stringify({ server: { es: { BUSY: 'Otra persona…' } } }));
    const say = personsWords();
    expect(say('BUSY')).toBe('Otra persona…');
    expect(say('BUSY_do')).toBe('Try again in a few seconds.');
  });
});

describe('the other sentences the server writes', () => {
  it('says a job’s refusal in the person’s language at the boundary', () => {
    editorSpeaks('ja');
    const item = { state: 'waiting', imageId: null } as unknown as JobItem;
    let refusal: unknown;
    try {
      reviewedItem(item, 'prompt', Date.now(), '  ');
    } catch (error) {
      refusal = error;
    }
    expect(failing(refusal as PeelError)).toMatchObject({
      error: { code: 'BAD_INPUT', detail: '先に新しいプロンプトを入力してください。' },
    });
  });

  it('labels a plan’s sections and warns about a model in the person’s language', () => {
    editorSpeaks('de');
    const say = personsWords();
    expect(sectionLabel({ number: 2, heading: 'Ergebnisse' }, say)).toBe('Abschnitt 2: Ergebnisse');
    expect(sectionLabel({ number: 3, heading: '' })).toBe('Section 3');
    expect(offeredModel(modelSpec('gemini-9-imaginary'), Date.now(), undefined, say).warning).toBe(
      'Peel kennt dieses Modell noch nicht: Es läuft mit einfachen Optionen.',
    );
  });
});

describe('an edit’s and a cut-out’s refusals', () => {
  const picture = { pixelWidth: 4096, pixelHeight: 2048 };
  const outside = { left: 4000, top: 0, width: 200, height: 100, colour: '#FF00FF' as const, marked: '' };
  const refusal = (act: () => unknown) => {
    try {
      act();
    } catch (error) {
      return failing(error as PeelError);
    }
    throw new Error('expected a refusal');
  };
  const plainImage = () =>
    vi.mocked(takePending).mockReturnValue({
      image: { id: 'img', mimeType: 'image/png', base64: '', pixelWidth: 8, pixelHeight: 8 },
      record: { k: 'new', i: 'A lighthouse', w: '', m: 'm', r: '1:1', s: '1K', c: 0.04, u: 'u' } as PendingRecord,
      signature: null,
      found: {},
    });

  it('says a marked part outside the picture in German, the picture’s size as its header gives it', () => {
    editorSpeaks('de');
    expect(refusal(() => resolveRegion(outside, picture))).toMatchObject({
      error: {
        code: 'BAD_INPUT',
        detail:
          'Der markierte Teil liegt außerhalb des Bildes (4096×2048 Pixel). Markieren Sie einen Teil innerhalb des Bildes.',
      },
    });
  });

  it('says it to an English editor in the exact words it always had', () => {
    editorSpeaks('en_US');
    expect(refusal(() => resolveRegion(outside, picture))).toMatchObject({
      error: {
        detail: 'The marked part lies outside the picture (4096×2048 pixels). Mark a part inside it.',
      },
    });
    expect(refusal(() => resolveRegion({ ...outside, left: 0, width: 0 }, picture))).toMatchObject({
      error: { detail: 'The marked part is empty. Drag across the part of the picture to change.' },
    });
  });

  it('says a refused cut-out in German, the reason inside the sentence in German too', () => {
    editorSpeaks('de');
    plainImage();
    expect(refusal(() => keepCutout({ imageId: 'img', base64: '' }))).toMatchObject({
      error: {
        code: 'BAD_INPUT',
        detail:
          'Nur ein Bild, das Peel auf einer Schlüsselfarbe angefordert hat („Hintergrund entfernen“), oder eine auf einen markierten Teil beschränkte Bearbeitung kann so behalten werden. Das Bild behält seinen Hintergrund.',
      },
    });
  });

  it('says a refused cut-out in English as before', () => {
    editorSpeaks('en');
    plainImage();
    expect(refusal(() => keepCutout({ imageId: 'img', base64: '' }))).toMatchObject({
      error: {
        detail:
          'Only a picture Peel asked for on a key colour (Remove background), or an edit kept to a marked part, can be kept this way. The picture keeps its background.',
      },
    });
  });

  it('says a sentence inside a sentence in the same language: a chained edit’s gone preview', () => {
    const gone = () =>
      failing(
        new PeelError(
          'PREVIEW_EXPIRED',
          'gone',
          detailOf('chainPreviewGone', { why: previewExpired().details.words ?? '' }),
        ),
      );
    editorSpeaks('ja');
    expect(gone()).toMatchObject({
      error: {
        detail:
          'この編集の元になるプレビューはもう保存されていません（Peel は作成した画像を配置用に 30 分間（スライドのジョブの提案は 6 時間）保持しますが、Google がそれより早く削除することがあります。）。何も送信されず、料金もかかっていません。',
      },
    });
    editorSpeaks('en');
    expect(gone()).toMatchObject({
      error: {
        detail:
          'The preview this edit continues from is no longer kept (Peel keeps made images for 30 minutes for placing (a deck job’s proposals 6 hours), and Google may clear them sooner.), so nothing was sent or charged.',
      },
    });
  });

  it('says a quick edit that cannot be made, and a schema’s sentence the catalog has, in the language', () => {
    editorSpeaks('pt_BR');
    expect(refusal(() => quickInstruction({ kind: 'expand', aspectRatio: 'wide' }))).toMatchObject({
      error: { code: 'BAD_INPUT', detail: 'Escolha uma proporção como 16:9.' },
    });
    const marked = expose([regionRequest], (): string => 'sent');
    expect(marked({ ...outside, left: Number.NaN })).toMatchObject({
      error: {
        code: 'BAD_INPUT',
        detail: 'Não dá para ler os cantos da parte marcada. Arraste de novo sobre a parte que deve mudar.',
      },
    });
    // A message written for whoever calls the server, not in the catalog, stays as it was.
    expect(marked({ ...outside, colour: 'red' as '#FF00FF' })).toMatchObject({
      error: { detail: 'Pick a marking colour: one of #00FF00, #FF00FF, #0000FF, #00FFFF, #FF0000, #FFFF00.' },
    });
  });

  it('says what the model takes instead of an option it does not, in the language', () => {
    const spec = modelSpec(DEFAULT_MODEL_ID);
    const unsupported = () => refusal(() => checkImageOptions(spec, { aspectRatio: '7:3' }));
    editorSpeaks('es');
    expect(unsupported()).toMatchObject({
      error: { code: 'UNSUPPORTED_OPTION', detail: `${spec.displayName} dibuja en ${spec.aspectRatios.join(', ')}.` },
    });
    editorSpeaks('en');
    expect(unsupported()).toMatchObject({
      error: { detail: `${spec.displayName} draws ${spec.aspectRatios.join(', ')}.` },
    });
  });

  it('keeps every sentence it moved to the catalog word for word in English', () => {
    // The catalog's English is what English readers and the log read: it must not drift from what they had.
    expect(inEnglish('refsNotAllKept', { mb: 9 })).toBe(
      'These reference pictures together are more than Peel keeps for you at once (about 9 MB). Use fewer or smaller pictures.',
    );
    expect(inEnglish('cutoutSize', { size: '512×512', width: '1024', height: '1024' })).toBe(
      'The cut-out is 512×512, not 1024×1024 as the picture it was cut from.',
    );
  });
});
