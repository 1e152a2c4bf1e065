import { describe, expect, it } from 'vitest';
import {
  BRIEF_LIMIT,
  checkedDraft,
  chipWords,
  normalHex,
  PALETTE_LIMIT,
  styleField,
  styleTitle,
} from '../../../sidebar/features/style/state';
import { changeWords, savedMeanwhile } from '../../../sidebar/features/style/View';
import { learnEnglish, setLanguage } from '../../../sidebar/kernel/words';
import { TRANSLATIONS } from '../../../src/core/i18n/catalogs';
import { EN_PARTS } from '../../../src/core/i18n/en-parts';
import { MAX_BRIEF_CHARS, MAX_PALETTE } from '../../../src/shared/requests';
import type { DeckStyleView, SaveStyleResult, StyleChangedMeanwhile } from '../../../src/shared/rpc';
import { delivered, named, started, wire } from './fake-server';

const STYLE: DeckStyleView = {
  brief: 'Flat paper cut-outs, soft daylight',
  palette: ['#e4572e', '#29335c'],
  references: [],
  on: true,
  changes: [{ at: 1000, who: 'collaborator', what: 'Brief changed' }],
  version: 'v1',
};

describe('the deck style in the sidebar', () => {
  it('is called the deck’s in Slides and the document’s in Docs', () => {
    expect([styleTitle('slides'), styleTitle('docs')]).toEqual(['Deck style', 'Document style']);
  });

  it('keeps the sidebar’s copies of the server’s limits equal to them', () => {
    expect([PALETTE_LIMIT, BRIEF_LIMIT]).toEqual([MAX_PALETTE, MAX_BRIEF_CHARS]);
  });

  it('reads colours as the server takes them, and says which one is wrong', () => {
    expect(['#ABC', 'e4572e', ' #29335C ', '#12345', 'red'].map(normalHex)).toEqual([
      '#aabbcc',
      '#e4572e',
      '#29335c',
      null,
      null,
    ]);
    expect(checkedDraft({ ...STYLE, brief: ' x ', palette: ['#E4572E', 'e4572e', '#000000'] })).toEqual({
      style: { ...STYLE, brief: 'x', palette: ['#e4572e', '#000000'] },
    });
    expect(checkedDraft({ ...STYLE, palette: ['blue'] })).toEqual({
      problem: '“blue” is not a colour: write it as #rrggbb.',
    });
    expect(chipWords({ brief: '', palette: ['#000000'], references: ['Mira'] })).toBe('1 colours, 1 references');
  });

  it('loads the style when the sidebar opens; the off switch leaves it out of one generate only', async () => {
    const { controller, calls, state } = await started({
      getDeckStyle: async () => wire(STYLE),
      getDeckJob: async () => null,
      generateImage: async () => wire(delivered('a')),
    });
    expect(state().style.view?.brief).toBe(STYLE.brief);
    controller.dispatch({ type: 'promptChanged', prompt: 'a harbour' }, { type: 'styleSkipped', skip: true });
    expect(styleField(state().style)).toEqual({ style: false });
    await controller.results.generate();
    await controller.results.generate();
    const sent = named(calls, 'generateImage').map((a) => (a[0] as { style?: boolean }).style);
    expect(sent).toEqual([false, undefined]);
    expect(state().style.skipOnce).toBe(false);
  });

  it('edits: references offered from the named ones, a palette proposed from the theme, saved as one change', async () => {
    const { controller, calls, state } = await started({
      getDeckStyle: async () => null,
      getDeckJob: async () => null,
      getNamedReferences: async () =>
        wire([{ name: 'Mira', role: 'subject', source: 'document', pinnedBy: 'you', at: 1 } as const]),
      proposeDeckPalette: async () => ['#1f2933', '#e4572e'],
      saveDeckStyle: async ({ style }) =>
        wire({ kind: 'saved', view: { ...style, changes: [{ at: 2, who: 'you', what: 'Style set' }], version: 'v1' } }),
    });
    await controller.style.openEditor();
    expect(state().style.names.map((n) => n.name)).toEqual(['Mira']);
    await controller.style.proposePalette();
    controller.dispatch({ type: 'styleDraftChanged', change: { brief: 'Ink and wash', references: ['Mira'] } });
    await controller.style.save();
    expect(named(calls, 'saveDeckStyle')[0]?.[0]).toEqual({
      style: { brief: 'Ink and wash', palette: ['#1f2933', '#e4572e'], references: ['Mira'], on: true },
      seen: null,
    });
    expect(state().style.draft).toBeNull();
    expect(state().style.view?.changes[0]?.what).toBe('Style set');
  });

  it('a save refused because a collaborator saved first shows theirs, keeps the draft, and saves on top of theirs', async () => {
    const THEIRS: DeckStyleView = {
      ...STYLE,
      brief: 'Charcoal sketches',
      changes: [{ at: 5000, who: 'collaborator', what: 'Brief changed' }, ...STYLE.changes],
      version: 'v2',
    };
    const refused: StyleChangedMeanwhile = {
      kind: 'changed',
      seen: 'v2',
      by: 'collaborator',
      at: 5000,
      message:
        'A collaborator saved this document’s style since you opened it (Brief changed), so your save changed nothing.',
      current: THEIRS,
    };
    const answers: SaveStyleResult[] = [
      refused,
      { kind: 'saved', view: { ...THEIRS, palette: ['#000000'], version: 'v3' } },
    ];
    const { controller, calls, state } = await started({
      getDeckStyle: async () => wire(STYLE),
      getDeckJob: async () => null,
      getNamedReferences: async () => [],
      saveDeckStyle: async () => wire(answers.shift() ?? refused),
    });
    await controller.style.openEditor();
    controller.dispatch({ type: 'styleDraftChanged', change: { palette: ['#000000'] } });
    await controller.style.save();
    // Nothing saved: the editor stays open with the person's draft, beside theirs, which the chip now shows.
    expect(state().style.changed?.message).toMatch(/^A collaborator saved/);
    expect(state().style.draft?.palette).toEqual(['#000000']);
    expect(state().style.draft?.brief).toBe(STYLE.brief);
    expect(state().style.view?.brief).toBe('Charcoal sketches');
    // Save mine on top: from the version the refusal named, not the one the editor opened with.
    await controller.style.save(true);
    const seen = named(calls, 'saveDeckStyle').map((a) => (a[0] as { seen: string | null }).seen);
    expect(seen).toEqual(['v1', 'v2']);
    expect(state().style.draft).toBeNull();
    expect(state().style.changed).toBeNull();
  });

  it('starting again from theirs puts their style in the editor and saves from their version', async () => {
    const THEIRS: DeckStyleView = { ...STYLE, brief: 'Charcoal sketches', version: 'v2' };
    let saves = 0;
    const { controller, calls, state } = await started({
      getDeckStyle: async () => wire(STYLE),
      getDeckJob: async () => null,
      getNamedReferences: async () => [],
      saveDeckStyle: async ({ style }) =>
        wire(
          ++saves === 1
            ? {
                kind: 'changed',
                seen: 'v2',
                by: 'collaborator',
                at: 5000,
                message: 'A collaborator saved this document’s style since you opened it.',
                current: THEIRS,
              }
            : { kind: 'saved', view: { ...style, changes: [], version: 'v3' } },
        ),
    });
    await controller.style.openEditor();
    controller.dispatch({ type: 'styleDraftChanged', change: { on: false } });
    await controller.style.save();
    controller.style.takeTheirs();
    expect(state().style.draft?.brief).toBe('Charcoal sketches');
    expect(state().style.changed).toBeNull();
    await controller.style.save();
    expect(named(calls, 'saveDeckStyle').map((a) => (a[0] as { seen: string | null }).seen)).toEqual(['v1', 'v2']);
  });
});

describe('the style’s history and a save someone else’s came before, in the sidebar’s language', () => {
  // The editor is in the sidebar's late part, which brings its English (app/parts.ts).
  learnEnglish(EN_PARTS);
  const current = (what: string) =>
    ({ changes: [{ at: 1, who: 'collaborator', what }] }) as unknown as StyleChangedMeanwhile['current'];
  const changed = (by: StyleChangedMeanwhile['by'], what: string | null) =>
    ({ kind: 'changed', seen: 'v2', by, at: 1, message: '', current: what === null ? null : current(what) }) as never;

  it('says in English what the server said before, and in German what the history records', () => {
    expect(savedMeanwhile(changed('collaborator', 'Brief changed, Turned on'))).toBe(
      'A collaborator saved this document’s style since you opened it (Brief changed, Turned on), so your save changed nothing.',
    );
    expect(savedMeanwhile(changed('unknown', null))).toBe(
      'This document’s style changed since you opened it, so your save changed nothing.',
    );
    setLanguage('de', JSON.stringify(TRANSLATIONS.de));
    try {
      expect(changeWords('Brief changed, Palette changed, Something new')).toBe(
        'Beschreibung geändert, Palette geändert, Something new',
      );
      expect(savedMeanwhile(changed('you', 'Turned off'))).toBe(
        'Sie haben den Stil dieses Dokuments in einem anderen Fenster gespeichert, seit Sie ihn hier geöffnet haben (Ausgeschaltet), daher hat dieses Speichern nichts geändert.',
      );
    } finally {
      setLanguage('en');
    }
  });
});
