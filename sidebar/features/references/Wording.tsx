import { t } from '../../kernel/words';
import type { ReferencesAction, ReferencesState } from './state';
import { blendComposition, needsComposing, promptToSend } from './state';

interface Props {
  readonly state: { readonly references: ReferencesState; readonly compose: { readonly prompt: string } };
  readonly controller: { dispatch(...actions: ReferencesAction[]): void };
}

/**
 * Under the prompt, with references in the tray: the prompt exactly as Generate will send it, the person's words
 * with the wording that names each image, updated as they type or change a role. Edited here, it is sent as
 * edited (the server sends what the sidebar sent) until the words or the tray change. A box that already names
 * the images (a style transfer) is sent as it is, so there is nothing to show.
 */
export function Wording({ state, controller }: Props) {
  const { references, compose } = state;
  if (references.tray.length === 0 || !needsComposing(references, 'generate', compose.prompt)) return null;
  const sent = promptToSend(references, compose.prompt);
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
            composed: { ...blendComposition(references, 'generate', compose.prompt), text: e.currentTarget.value },
          })
        }
      />
      <p id="wording-hint" class="hint">
        {t('sentAsHint')}
      </p>
    </div>
  );
}
