/**
 * The style chip, drawn under every prompt; the editor it opens is in the sidebar's late part (app/parts.ts).
 */

import { t } from '../../kernel/words';
import { chipWords } from './state';
import type { StyleProps } from './View';

/**
 * The document's style under the prompt: what it is, a switch to leave it out of the next request only, and the
 * way to the editor. With no style yet, an invitation to set one.
 */
export function StyleChip({ state, controller }: StyleProps) {
  const docs = state.session.host === 'docs';
  const { view, skipOnce } = state.style;
  const edit = () => void controller.style.openEditor();
  if (!view) {
    return (
      <p class="style-chip">
        <button type="button" class="button text" onClick={edit}>
          {t(docs ? 'setStyleDocs' : 'setStyleSlides')}
        </button>
      </p>
    );
  }
  return (
    <div class="style-chip">
      <span class="swatches" aria-hidden="true">
        {view.palette.slice(0, 5).map((c) => (
          <span key={c} style={{ background: c }} />
        ))}
      </span>
      <span>
        {t('style')}
        <strong>{view.on ? chipWords(view) : t('off')}</strong>
      </span>
      {view.on && (
        <label class="check">
          <input
            type="checkbox"
            checked={!skipOnce}
            onChange={(e) => controller.dispatch({ type: 'styleSkipped', skip: !e.currentTarget.checked })}
          />
          {t('useStyle')}
        </label>
      )}
      <button type="button" class="button text" onClick={edit}>
        {t('editStyle')}
      </button>
    </div>
  );
}
