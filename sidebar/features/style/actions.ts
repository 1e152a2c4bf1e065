/** The style's controller actions: read it when the sidebar opens, edit it, propose a palette, save. */
import { busy, type SharedAction, said } from '../../kernel/actions';
import type { Context } from '../../kernel/store';
import { t } from '../../kernel/words';
import type { SessionActions } from '../session/actions';
import type { SessionState } from '../session/state';
import { checkedDraft, PALETTE_LIMIT, type StyleAction, type StyleState, styleField } from './state';

export function styleActions(
  { server, store }: Context<{ session: SessionState; style: StyleState }, StyleAction | SharedAction>,
  { fail }: SessionActions,
) {
  const { dispatch, get } = store;

  async function load(): Promise<void> {
    try {
      dispatch({ type: 'styleLoaded', view: await server.getDeckStyle() });
    } catch {
      // No style shown is the honest fallback: requests still follow it server-side.
    }
  }

  async function openEditor(): Promise<void> {
    // Named references are optional to the style: without them the editor still opens.
    const names = await server.getNamedReferences().catch(() => []);
    dispatch({ type: 'styleEditorOpened', names });
  }

  async function proposePalette(): Promise<void> {
    try {
      const palette = await server.proposeDeckPalette();
      dispatch(
        { type: 'styleDraftChanged', change: { palette: palette.slice(0, PALETTE_LIMIT) } },
        said({ notice: t('paletteProposed', { n: palette.length }) }),
      );
    } catch (error) {
      fail(error);
    }
  }

  /**
   * Save: one call, from the version the editor started from. If someone saved since, nothing was saved and
   * their style is shown beside the draft: `onTop` saves the draft over theirs, from the version that answer named.
   */
  async function save(onTop = false): Promise<void> {
    const { draft, base, changed } = get().style;
    if (!draft || get().session.busy) return;
    const checked = checkedDraft(draft);
    if ('problem' in checked) {
      dispatch(said({ error: { code: 'BAD_INPUT', message: checked.problem, action: t('correctColour') } }));
      return;
    }
    dispatch(busy('style'));
    try {
      const result = await server.saveDeckStyle({
        style: { ...checked.style, palette: [...checked.style.palette], references: [...checked.style.references] },
        seen: onTop && changed ? changed.seen : base,
      });
      if (result.kind === 'changed') {
        dispatch({ type: 'styleSaveRefused', changed: result }, said({ busy: null }));
        return;
      }
      const { view } = result;
      dispatch(
        { type: 'styleLoaded', view },
        { type: 'styleEditorClosed' },
        said({ busy: null, notice: t(view.on ? 'styleSavedOn' : 'styleSavedOff') }),
      );
    } catch (error) {
      fail(error);
    }
  }

  return {
    load,
    openEditor,
    proposePalette,
    save,
    close: () => dispatch({ type: 'styleEditorClosed' }),
    takeTheirs: () => dispatch({ type: 'styleTheirsTaken' }, said({ notice: t('theirStyleShown') })),
    /** The next request's `style` field: read before it starts, which turns the one-request switch back on. */
    field: () => styleField(get().style),
  };
}

export type StyleActions = ReturnType<typeof styleActions>;
