import type { DeckStyle, StyleChangedMeanwhile, Wire } from '../../../src/shared/rpc';
import { ChangedChoice } from '../../kernel/ChangedChoice';
import { whenLabel, whoLabel } from '../../kernel/format';
import type { Dispatch } from '../../kernel/store';
import { t } from '../../kernel/words';
import type { SessionState } from '../session/state';
import type { StyleActions } from './actions';
import { BRIEF_LIMIT, normalHex, PALETTE_LIMIT, type StyleAction, type StyleState, styleTitle } from './state';

export interface StyleProps {
  readonly state: { readonly style: StyleState; readonly session: Pick<SessionState, 'host' | 'busy'> };
  readonly controller: { readonly style: StyleActions; readonly dispatch: Dispatch<StyleAction> };
}

/** The editor: brief, palette, references, on/off, Save; and who changed the style when. */
export function StyleEditor({ state, controller, draft }: StyleProps & { draft: DeckStyle }) {
  const change = (c: Partial<DeckStyle>) => controller.dispatch({ type: 'styleDraftChanged', change: c });
  const setColour = (i: number, value: string) =>
    change({ palette: draft.palette.map((c, j) => (j === i ? value : c)) });
  const { names } = state.style;
  const saving = state.session.busy === 'style';
  const now = Date.now();
  return (
    <section class="style-editor" aria-label={styleTitle(state.session.host)}>
      <p class="hint">{t(state.session.host === 'docs' ? 'styleHintDocs' : 'styleHintSlides')}</p>
      <label class="field-label" htmlFor="style-brief">
        {t('brief')}
      </label>
      <textarea
        id="style-brief"
        rows={4}
        maxLength={BRIEF_LIMIT}
        value={draft.brief}
        placeholder={t('briefExample')}
        onInput={(e) => change({ brief: e.currentTarget.value })}
      />
      <fieldset>
        <legend>{t('palette')}</legend>
        <ul class="palette">
          {draft.palette.map((colour, i) => (
            <li key={`${i}-${draft.palette.length}`}>
              <input
                type="color"
                aria-label={t('colourN', { n: i + 1 })}
                value={normalHex(colour) ?? '#000000'}
                onInput={(e) => setColour(i, e.currentTarget.value)}
              />
              <input
                type="text"
                aria-label={t('colourHex', { n: i + 1 })}
                value={colour}
                size={8}
                onInput={(e) => setColour(i, e.currentTarget.value)}
              />
              <button
                type="button"
                class="button text"
                aria-label={t('removeColour', { n: i + 1 })}
                onClick={() => change({ palette: draft.palette.filter((_, j) => j !== i) })}
              >
                {t('remove')}
              </button>
            </li>
          ))}
        </ul>
        <div class="row">
          <button type="button" class="button tonal" onClick={() => void controller.style.proposePalette()}>
            {t('proposePalette')}
          </button>
          <button
            type="button"
            class="button text"
            disabled={draft.palette.length >= PALETTE_LIMIT}
            onClick={() => change({ palette: [...draft.palette, '#808080'] })}
          >
            {t('addColour')}
          </button>
        </div>
      </fieldset>
      <fieldset>
        <legend>{t('references')}</legend>
        {names.length === 0 ? (
          <p class="hint">{t('pinToUse')}</p>
        ) : (
          names.map((n) => (
            <label key={n.name} class="check">
              <input
                type="checkbox"
                checked={draft.references.includes(n.name)}
                onChange={(e) =>
                  change({
                    references: e.currentTarget.checked
                      ? [...draft.references, n.name]
                      : draft.references.filter((r) => r !== n.name),
                  })
                }
              />
              {n.name} ({n.role})
            </label>
          ))
        )}
      </fieldset>
      <label class="check">
        <input type="checkbox" checked={draft.on} onChange={(e) => change({ on: e.currentTarget.checked })} />
        {t('styleOn')}
      </label>
      {state.style.changed ? (
        <SavedMeanwhile changed={state.style.changed} saving={saving} controller={controller} now={now} />
      ) : (
        <div class="actions">
          <button type="button" class="button filled" disabled={saving} onClick={() => void controller.style.save()}>
            {t('saveStyle')}
          </button>
          <button type="button" class="button text" onClick={controller.style.close}>
            {t('cancel')}
          </button>
        </div>
      )}
      {state.style.view && state.style.view.changes.length > 0 && (
        <>
          <h2>{t('lastChanges')}</h2>
          <ul class="changes">
            {state.style.view.changes.map((c) => (
              <li key={`${c.at}-${c.what}`}>
                {whoLabel(c.who)} · {whenLabel(c.at, now)} · {changeWords(c.what)}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

/**
 * Someone saved the style since this editor opened: nothing was saved. Their style is shown, and the person
 * chooses to save theirs over it or to start again from it.
 */
function SavedMeanwhile({
  changed,
  saving,
  controller,
  now,
}: { changed: Wire<StyleChangedMeanwhile>; saving: boolean; now: number } & Pick<StyleProps, 'controller'>) {
  const theirs = changed.current;
  return (
    <ChangedChoice
      message={savedMeanwhile(changed)}
      hint={t('savedMeanwhileHint')}
      busy={saving}
      first={{ label: t('saveMine'), onClick: () => void controller.style.save(true) }}
      second={{ label: t('startFromTheirs'), onClick: controller.style.takeTheirs }}
    >
      {theirs && (
        <div class="theirs">
          <p class="field-label">
            {changed.at === null ? t('styleNow') : t('styleNowSaved', { when: whenLabel(changed.at, now) })}
          </p>
          <p>{theirs.brief || t('noBrief')}</p>
          {theirs.palette.length > 0 && (
            <span class="swatches" role="img" aria-label={t('paletteOf', { colours: theirs.palette.join(', ') })}>
              {theirs.palette.map((c) => (
                <span key={c} style={{ background: c }} />
              ))}
            </span>
          )}
          {theirs.references.length > 0 && <p>{t('referencesOf', { names: theirs.references.join(', ') })}</p>}
          <p class="hint">{t(theirs.on ? 'isOn' : 'isOff')}</p>
        </div>
      )}
    </ChangedChoice>
  );
}

/** The style's history records what changed in English ("Brief changed, Palette changed": core/deck-style.ts). */
const LOGGED: Readonly<Record<string, () => string>> = {
  'Style set': () => t('loggedSet'),
  'Style set (off)': () => t('loggedSetOff'),
  'Brief changed': () => t('loggedBrief'),
  'Palette changed': () => t('loggedPalette'),
  'References changed': () => t('loggedReferences'),
  'Turned on': () => t('loggedOn'),
  'Turned off': () => t('loggedOff'),
};

/** A history entry in the sidebar's language; words it does not know stay as they were recorded. */
export function changeWords(what: string): string {
  return what
    .split(', ')
    .map((part) => LOGGED[part]?.() ?? part)
    .join(', ');
}

/**
 * Who saved the style meanwhile, and what, said here from the answer's facts (`by`, the style as it is now) as
 * the server says it in English (flows/style.ts), since the save reads no language.
 */
export function savedMeanwhile(changed: Wire<StyleChangedMeanwhile>): string {
  const last = changed.current?.changes[0];
  const what = last ? t('loggedWhat', { what: changeWords(last.what) }) : '';
  if (changed.by === 'you') return t('savedByYou', { what });
  return changed.by === 'collaborator' ? t('savedByOther', { what }) : t('styleChangedSince');
}
