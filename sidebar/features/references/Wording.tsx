import { t } from '../../kernel/words';
import type { ReferencesAction, ReferencesState } from './state';
import { blendComposition, type Mode, needsComposing, promptToSend } from './state';

interface Props {
  readonly mode: Mode;
  readonly state: {
    readonly references: ReferencesState;
    readonly compose: { readonly prompt: string };
    readonly thread: { readonly instruction: string };
  };
  readonly controller: { dispatch(...actions: ReferencesAction[]): void };
}

/**
 * Under the prompt (or an edit's instruction), with references in the tray: the words exactly as Generate (or
 * Edit) will send them, the person's words
 * with the wording that names each image, updated as they type or change a role. Edited here, it is sent as
 * edited (the server sends what the sidebar sent) until the words or the tray change. A box that already names
 * the images (a style transfer) is sent as it is, so there is nothing to show.
 */
export function Wording({ mode, state, controller }: Props) {
  const { references } = state;
  const box = mode === 'generate' ? state.compose.prompt : state.thread.instruction;
  if (references.tray.length === 0 || !needsComposing(references, mode, box)) return null;
  const sent = promptToSend(references, box, mode);
  return (
    <div class="wording">
      <label class="field-label" htmlFor="wording">
        {t('sentAs')}
      </label>
      <textarea
        id="wording"
        rows={4}
        value={sent.text}
        aria-describedby="wording-hint"
        onInput={(e) =>
          controller.dispatch({
            type: 'referencesComposed',
            composed: { ...blendComposition(references, mode, box), text: e.currentTarget.value },
          })
        }
      />
      <p id="wording-hint" class="hint">
        {t('sentAsHint')}
      </p>
    </div>
  );
}
