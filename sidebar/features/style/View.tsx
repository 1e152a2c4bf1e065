import type { DeckStyle, StyleChangedMeanwhile, Wire } from '../../../src/shared/rpc';
import { ChangedChoice } from '../../kernel/ChangedChoice';
import { whenLabel, whoLabel } from '../../kernel/format';
import type { Dispatch } from '../../kernel/store';
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
      <p class="hint">Every image made or edited in this document follows it, for everyone who edits it.</p>
      <label class="field-label" htmlFor="style-brief">
        Brief: medium, mood, lighting, what to avoid
      </label>
      <textarea
        id="style-brief"
        rows={4}
        maxLength={BRIEF_LIMIT}
        value={draft.brief}
        placeholder="Flat paper cut-outs, soft daylight, no text in the picture"
        onInput={(e) => change({ brief: e.currentTarget.value })}
      />
      <fieldset>
        <legend>Palette</legend>
        <ul class="palette">
          {draft.palette.map((colour, i) => (
            <li key={`${i}-${draft.palette.length}`}>
              <input
                type="color"
                aria-label={`Colour ${i + 1}`}
                value={normalHex(colour) ?? '#000000'}
                onInput={(e) => setColour(i, e.currentTarget.value)}
              />
              <input
                type="text"
                aria-label={`Colour ${i + 1} as hex`}
                value={colour}
                size={8}
                onInput={(e) => setColour(i, e.currentTarget.value)}
              />
              <button
                type="button"
                class="button text"
                aria-label={`Remove colour ${i + 1}`}
                onClick={() => change({ palette: draft.palette.filter((_, j) => j !== i) })}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
        <div class="row">
          <button type="button" class="button tonal" onClick={() => void controller.style.proposePalette()}>
            Propose from the theme
          </button>
          <button
            type="button"
            class="button text"
            disabled={draft.palette.length >= PALETTE_LIMIT}
            onClick={() => change({ palette: [...draft.palette, '#808080'] })}
          >
            Add a colour
          </button>
        </div>
      </fieldset>
      <fieldset>
        <legend>References</legend>
        {names.length === 0 ? (
          <p class="hint">Pin a picture under a name to use it here.</p>
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
        Style on
      </label>
      {state.style.changed ? (
        <SavedMeanwhile changed={state.style.changed} saving={saving} controller={controller} now={now} />
      ) : (
        <div class="actions">
          <button type="button" class="button filled" disabled={saving} onClick={() => void controller.style.save()}>
            Save style
          </button>
          <button type="button" class="button text" onClick={controller.style.close}>
            Cancel
          </button>
        </div>
      )}
      {state.style.view && state.style.view.changes.length > 0 && (
        <>
          <h2>Last changes</h2>
          <ul class="changes">
            {state.style.view.changes.map((c) => (
              <li key={`${c.at}-${c.what}`}>
                {whoLabel(c.who)} · {whenLabel(c.at, now)} · {c.what}
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
      message={changed.message}
      hint="Save mine on top replaces it with yours; start from theirs puts it in the editor instead."
      busy={saving}
      first={{ label: 'Save mine on top', onClick: () => void controller.style.save(true) }}
      second={{ label: 'Start from theirs', onClick: controller.style.takeTheirs }}
    >
      {theirs && (
        <div class="theirs">
          <p class="field-label">The style now{changed.at !== null && `, saved ${whenLabel(changed.at, now)}`}</p>
          <p>{theirs.brief || 'No brief.'}</p>
          {theirs.palette.length > 0 && (
            <span class="swatches" role="img" aria-label={`Palette: ${theirs.palette.join(', ')}`}>
              {theirs.palette.map((c) => (
                <span key={c} style={{ background: c }} />
              ))}
            </span>
          )}
          {theirs.references.length > 0 && <p>References: {theirs.references.join(', ')}</p>}
          <p class="hint">{theirs.on ? 'On.' : 'Off.'}</p>
        </div>
      )}
    </ChangedChoice>
  );
}
