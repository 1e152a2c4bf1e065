import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import type { InsertMode, NoRoomChoice } from '../../../src/shared/rpc';
import { formatUsd } from '../../kernel/format';
import { ModelNotes } from '../../kernel/ModelNotes';
import { PictureChoice, PictureDialog } from '../../kernel/Picture';
import type { Dispatch } from '../../kernel/store';
import { t } from '../../kernel/words';
import type { InsertActions } from '../insert/actions';
import type { SessionState } from '../session/state';
import type { ResultsActions } from './actions';
import { canInsertAs, insertBlocker, type ResultsAction, type Results as ResultsState, selectedImage } from './state';

type Controller = {
  readonly dispatch: Dispatch<ResultsAction>;
  readonly results: ResultsActions;
  readonly insert: Pick<InsertActions, 'again' | 'inserted'>;
};

interface Props {
  readonly state: { readonly session: SessionState };
  readonly results: ResultsState;
  readonly controller: Controller;
}

function runCost(results: ResultsState): string {
  if (results.costUsd === null) return t('costUnknown');
  const n = results.images.length;
  const usd = formatUsd(results.costUsd);
  return n > 1 ? t('costFor', { usd, n }) : t('cost', { usd });
}

interface ActionProps {
  readonly controller: Controller;
  readonly mode: InsertMode;
  readonly where?: NoRoomChoice;
  /** What the selection last read allows; the click reads it again, so it stays clickable either way. */
  readonly allowed: boolean;
  readonly disabled: boolean;
  readonly kind: string;
  readonly children: ComponentChildren;
}

/**
 * An insert button. Only the work in progress (or an image already inserted) disables it for real: what the
 * editor has selected may have changed since the sidebar last looked, so a click on a button the old selection
 * ruled out reads the selection again and acts, or says why not (aria-disabled shows and announces the old state).
 */
function InsertButton({ controller, mode, where, allowed, disabled, kind, children }: ActionProps) {
  return (
    <button
      type="button"
      class={`button ${kind}`}
      disabled={disabled}
      aria-disabled={!allowed && !disabled ? 'true' : undefined}
      onClick={() => void controller.results.insert(mode, where)}
    >
      {children}
    </button>
  );
}

/** The variants as a radio group (arrow keys move between them), then what can be done with the chosen one. */
export function Results({ state, results, controller }: Props) {
  const section = useRef<HTMLElement>(null);
  const againButton = useRef<HTMLButtonElement>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  const { images, selectedId } = results;
  const target = state.session.target;
  const blocker = insertBlocker(target);
  const inserting = state.session.busy === 'insert';
  const chosen = selectedImage(results);
  const inserted = controller.insert.inserted(chosen?.id);
  const noRoom = state.session.host === 'slides' ? target?.noRoom : undefined;

  useEffect(() => {
    // New images usually land below the fold: bring the section's top (heading and pictures) into view, and
    // give a keyboard user the chosen picture unless they are still in the prompt (Ctrl+Enter, then more words).
    const el = section.current;
    if (!el) return;
    el.scrollIntoView?.({ block: 'start' });
    const active = document.activeElement;
    if (!active || active === document.body || !active.closest('textarea')) {
      el.querySelector<HTMLInputElement>('input[type="radio"]:checked')?.focus({ preventScroll: true });
    }
    // Once per generation: later variants arriving must not move the page under a click on Insert.
  }, [results.token]);

  useEffect(() => {
    // Insert is disabled now that it is done: the next step for the keyboard is "Insert again" beside it.
    const active = document.activeElement;
    if (inserted && (!active || active === document.body || (active as HTMLButtonElement).disabled)) {
      againButton.current?.focus();
    }
  }, [inserted]);

  const index = Math.max(
    0,
    images.findIndex((i) => i.id === chosen?.id),
  );
  // Read on every arrow key, so short: which variant, then what the prompt calls it.
  const alt = (i: number) =>
    images.length === 1
      ? t('generatedImage', { title: results.altTitle })
      : t('variantOf', { i: i + 1, n: images.length, title: results.altTitle });
  const title = images.length > 1 ? t('imageOf', { i: index + 1, n: images.length }) : t('image');
  return (
    <section class="results" ref={section} aria-labelledby="results-heading">
      <h2 id="results-heading">{t('results')}</h2>
      <PictureChoice
        labelledBy="results-heading"
        name="variant"
        grid={images.length > 1}
        choices={images.map((image, i) => ({
          id: image.id,
          picture: image,
          alt: alt(i),
          caption: `${image.pixelWidth}×${image.pixelHeight} · ${image.costUsd === null ? t('priceUnknown') : formatUsd(image.costUsd)}`,
        }))}
        chosen={selectedId}
        onChoose={(id) => controller.dispatch({ type: 'imageSelected', id })}
      />
      {/* One button for the chosen picture: one Tab stop between the pictures and what to do with them. */}
      <button type="button" class="button text" aria-haspopup="dialog" onClick={() => dialog.current?.showModal()}>
        {t('enlarge')}
      </button>
      {chosen && (
        <PictureDialog
          dialog={dialog}
          picture={chosen}
          alt={alt(index)}
          label={title}
          heading={title}
          caption={t('pixels', { w: chosen.pixelWidth, h: chosen.pixelHeight })}
        />
      )}
      <p class="cost">{runCost(results)}</p>

      <ModelNotes text={results.text} warnings={results.warnings} failures={results.failures} />

      {blocker && <p class="warning">{t('cantInsert', { why: blocker })}</p>}
      <div class="actions" aria-busy={inserting}>
        <InsertButton
          controller={controller}
          mode="insert"
          {...(noRoom ? { where: 'new-slide' as const } : {})}
          allowed={canInsertAs(target, 'insert')}
          disabled={inserting || inserted}
          kind="filled"
        >
          {t(inserted ? 'inserted' : noRoom ? 'insertNewSlide' : 'insert')}
        </InsertButton>
        {inserted && chosen && (
          <button
            type="button"
            class="button text"
            ref={againButton}
            disabled={inserting}
            onClick={() => controller.insert.again(chosen.id)}
          >
            {t('insertAgain')}
          </button>
        )}
        {(
          [
            ['insert', 'on-top', t('onTop'), noRoom?.choices.includes('on-top') === true && !inserted],
            ['replace', undefined, t('replace'), true],
            ['background', undefined, t('background'), state.session.host === 'slides'],
          ] as const
        ).map(
          ([mode, where, words, shown]) =>
            shown && (
              <InsertButton
                key={words}
                controller={controller}
                mode={mode}
                {...(where ? { where } : {})}
                allowed={canInsertAs(target, mode)}
                disabled={inserting}
                kind="outlined"
              >
                {words}
              </InsertButton>
            ),
        )}
        <button type="button" class="button text" disabled={inserting} onClick={controller.results.discard}>
          {t('discard')}
        </button>
      </div>
    </section>
  );
}
