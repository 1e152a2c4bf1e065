/** The style's controller actions: read it when the sidebar opens, edit it, propose a palette, save. */
import { busy, type SharedAction, said } from '../../kernel/actions';
import type { Context } from '../../kernel/store';
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
        said({ notice: `Proposed ${palette.length} colours from the theme.` }),
      );
    } catch (error) {
      fail(error);
    }
  }

  async function save(): Promise<void> {
    const draft = get().style.draft;
    if (!draft || get().session.busy) return;
    const checked = checkedDraft(draft);
    if ('problem' in checked) {
      dispatch(said({ error: { code: 'BAD_INPUT', message: checked.problem, action: 'Correct the colour.' } }));
      return;
    }
    dispatch(busy('style'));
    try {
      const view = await server.saveDeckStyle({
        ...checked.style,
        palette: [...checked.style.palette],
        references: [...checked.style.references],
      });
      dispatch(
        { type: 'styleLoaded', view },
        { type: 'styleEditorClosed' },
        said({ busy: null, notice: view.on ? 'Style saved: new images follow it.' : 'Style saved, and off.' }),
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
    /** The next request's `style` field: read before it starts, which turns the one-request switch back on. */
    field: () => styleField(get().style),
  };
}

export type StyleActions = ReturnType<typeof styleActions>;
