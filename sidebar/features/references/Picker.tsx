import { t, told } from '../../kernel/words';
import type { ReferencesActions } from './actions';
import type { Mode, ReferencesState } from './state';

interface Props {
  readonly state: { readonly references: Pick<ReferencesState, 'documentImages' | 'tray'> };
  readonly controller: { readonly references: Pick<ReferencesActions, 'takeDocumentImages' | 'styleTransfer'> };
}

/** The document's pictures, by label, for "From this deck…": one chosen comes into the tray. */
export function DocumentPicker({ state, controller }: Props) {
  const images = state.references.documentImages;
  if (images === null) return null;
  if (images.length === 0) return <p class="hint">{t('noPictures')}</p>;
  return (
    <ul class="picker" aria-label={t('picturesHere')}>
      {images.map((image) => {
        const label = told(image.label, image.labelWords);
        return (
          <li key={image.ref}>
            <button
              type="button"
              class="button text"
              onClick={() => void controller.references.takeDocumentImages([{ ref: image.ref, label }])}
            >
              {label}
              {image.altTitle ? ` – ${image.altTitle}` : ''}
            </button>
          </li>
        );
      })}
    </ul>
  );
}

/** Style transfer in one click: with two references, each way round; editing, any reference's style. */
export function StyleButtons({ state, controller, mode }: Props & { readonly mode: Mode }) {
  const tray = state.references.tray;
  const transfer = controller.references.styleTransfer;
  if (mode === 'edit') {
    if (tray.length === 0) return null;
    return (
      <fieldset class="plain-set">
        <legend class="field-label">{t('styleTransfer')}</legend>
        {tray.map((item, i) => (
          <button key={item.key} type="button" class="button tonal" onClick={() => transfer('edit', null, item.key)}>
            {t('restyleLike', { n: i + 1 })}
          </button>
        ))}
      </fieldset>
    );
  }
  const [a, b] = tray;
  if (tray.length !== 2 || !a || !b) return null;
  return (
    <fieldset class="plain-set">
      <legend class="field-label">{t('styleTransfer')}</legend>
      <button type="button" class="button tonal" onClick={() => transfer('generate', a.key, b.key)}>
        {t('inStyleOf', { a: 1, b: 2 })}
      </button>
      <button type="button" class="button tonal" onClick={() => transfer('generate', b.key, a.key)}>
        {t('inStyleOf', { a: 2, b: 1 })}
      </button>
    </fieldset>
  );
}
