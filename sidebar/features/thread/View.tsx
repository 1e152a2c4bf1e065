import type { ComponentChildren } from 'preact';
import { useRef } from 'preact/hooks';
import type { ThreadView } from '../../../src/shared/rpc';
import type { SharedAction } from '../../kernel/actions';
import { ChangedChoice } from '../../kernel/ChangedChoice';
import { formatUsd, whenLabel, whoLabel } from '../../kernel/format';
import { ModelNotes } from '../../kernel/ModelNotes';
import { type ChoiceSources, choices } from '../../kernel/model-choice';
import { Enlargeable, Img, PictureChoice } from '../../kernel/Picture';
import { Progress } from '../../kernel/Progress';
import { VariantsSelect } from '../../kernel/Select';
import { INSTRUCTION_FIELD, ShortcutBox } from '../../kernel/ShortcutBox';
import type { Dispatch } from '../../kernel/store';
import { t, told } from '../../kernel/words';
import type { ComposeAction } from '../compose/state';
import type { SessionState } from '../session/state';
import type { ThreadActions } from './actions';
import { type Edited, keepsAlt, selectedVariant, type ThreadAction, type ThreadState } from './state';

export type Controller = {
  readonly dispatch: Dispatch<ThreadAction | ComposeAction | SharedAction>;
  readonly thread: ThreadActions;
};

export interface Props {
  readonly state: ChoiceSources & { readonly session: SessionState; readonly thread: ThreadState };
  readonly view: ThreadView;
  readonly controller: Controller;
}

function Turns({ view, now }: { view: ThreadView; now: number }) {
  if (view.turns.length === 0 && !view.summary) {
    return <p class="hint">{t('noEdits')}</p>;
  }
  return (
    <ol class="turns" aria-label={t('conversation')}>
      {view.summary && (
        <li class="turn">
          <p class="turn-meta">{t('earlier')}</p>
          <p>{view.summary}</p>
        </li>
      )}
      {view.turns.map((turn) => (
        <li key={`${turn.versionId}-${turn.at}`} class="turn">
          <p class="turn-meta">
            {whoLabel(turn.who)} · {whenLabel(turn.at, now)} · {turn.model}
            {turn.costUsd === null ? '' : ` · ${formatUsd(turn.costUsd)}`}
            {turn.shown && ` · ${t('notApplied')}`}
          </p>
          <p>{turn.kind === 'restore' ? `${t('restoredEarlier')} ${turn.instruction}` : turn.instruction}</p>
          {turn.modelText && <p class="muted">Gemini: {turn.modelText}</p>}
        </li>
      ))}
    </ol>
  );
}

/** The edited variants beside the image as it is now, then Apply. */
function BeforeAfter({ state, view, edited, controller, kept }: Props & { edited: Edited; kept: ComponentChildren }) {
  const chosen = selectedVariant(edited);
  const applying = state.session.busy === 'apply';
  const described = edited.instruction || t('theQuickEdit');
  if (!chosen) return null;
  return (
    <section class="edited" aria-labelledby="edited-heading">
      <h3 id="edited-heading">{t('beforeAfter')}</h3>
      <div class="before-after">
        <Enlargeable
          picture={view.current}
          alt={t('beforeOf', { what: view.altTitle || told(view.label, view.labelWords) })}
          caption={t('before')}
        />
        <Enlargeable picture={chosen.image} alt={t('afterOf', { what: described })} caption={t('after')} />
      </div>
      {edited.variants.length > 1 && (
        <PictureChoice
          labelledBy="edited-heading"
          name="edited-variant"
          grid
          choices={edited.variants.map((v, i) => ({
            id: v.image.id,
            picture: v.image,
            alt: t('variantOfN', { i: i + 1, n: edited.variants.length }),
          }))}
          chosen={chosen.image.id}
          onChoose={(id) => controller.dispatch({ type: 'editedSelected', id })}
        />
      )}
      <ModelNotes text={chosen.text} warnings={chosen.warnings} failures={edited.failures} />
      {kept}
      <label class="check">
        <input
          type="checkbox"
          checked={keepsAlt(state.thread)}
          onChange={(e) => controller.dispatch({ type: 'keepAltToggled', keep: e.currentTarget.checked })}
        />
        {t(view.altByPerson ? 'keepPersonAlt' : 'keepAlt')}
      </label>
      {edited.changed ? (
        <ChangedMeanwhile
          message={told(edited.changed.message, edited.changed.messageWords)}
          applying={applying}
          controller={controller}
        />
      ) : (
        <div class="actions" aria-busy={applying}>
          <button
            type="button"
            class="button filled"
            disabled={applying}
            onClick={() => void controller.thread.apply()}
          >
            {t('apply')}
          </button>
          <button type="button" class="button text" disabled={applying} onClick={controller.thread.discardEdited}>
            {t('discard')}
          </button>
        </div>
      )}
    </section>
  );
}

/** Someone changed the picture since this edit started from it: nothing was replaced, and the person chooses. */
function ChangedMeanwhile({
  message,
  applying,
  controller,
}: { message: string; applying: boolean } & Pick<Props, 'controller'>) {
  return (
    <ChangedChoice
      message={message}
      hint={t('changedHint')}
      busy={applying}
      first={{ label: t('applyOnTop'), onClick: () => void controller.thread.apply('replace') }}
      second={{ label: t('keepMine'), onClick: () => void controller.thread.apply('keep') }}
    />
  );
}

/** The image an edit would change: its picture, its conversation, what should change next, and its versions. */
export function Thread({
  state,
  view,
  controller,
  style,
  references,
  extras,
}: Props & {
  readonly style: ComponentChildren;
  readonly references: ComponentChildren;
  /**
   * The quick edits and the versions, from the late part (Extras.tsx), given whether the thread is busy; with
   * `at`, the marked part's views (Region.tsx): the marking over the picture, or what the edit did outside it.
   */
  readonly extras: (busy: boolean, at?: 'mark' | 'kept') => ComponentChildren;
}) {
  const { thread, session } = state;
  const editing = thread.editing;
  const box = useRef<HTMLTextAreaElement>(null);
  const invalid = session.error?.code === 'BAD_INPUT';
  const busy = editing !== null || session.busy !== null;
  const edit = () => {
    if (!thread.instruction.trim()) box.current?.focus();
    void controller.thread.edit();
  };
  return (
    <section class="thread" aria-labelledby="thread-heading">
      <div class="thread-head">
        <h2 id="thread-heading">{t(thread.recent ? 'continueEditing' : 'editThis')}</h2>
        <button type="button" class="button text" onClick={controller.thread.newImage}>
          {t('newImage')}
        </button>
      </div>
      <p class="target">
        {thread.recent ? t('followUp') : ''}
        <strong>{told(view.label, view.labelWords)}</strong>
      </p>
      <div class="mark">
        <Img
          class="thread-current"
          picture={view.current}
          alt={t('nowInDocument', { what: view.altTitle || told(view.label, view.labelWords) })}
        />
        {extras(busy, 'mark')}
      </div>
      <Turns view={view} now={Date.now()} />

      <ShortcutBox
        {...INSTRUCTION_FIELD}
        boxRef={box}
        value={thread.instruction}
        invalid={invalid}
        onInput={(instruction) => controller.dispatch({ type: 'instructionChanged', instruction })}
        onSubmit={edit}
      />
      {style}
      <VariantsSelect
        id="edit-variants"
        value={choices(state).variants}
        onChange={(n) => controller.dispatch({ type: 'variantsChosen', variants: n })}
      />
      {editing ? (
        <Progress
          generating={editing}
          onCancel={controller.thread.cancelEdit}
          doing={t('editingVariants', { n: editing.variants })}
        />
      ) : (
        <button type="button" class="button filled wide" data-refocus disabled={busy} onClick={edit}>
          {t('edit')}
        </button>
      )}
      {references}
      {extras(busy)}
      {thread.edited && (
        <BeforeAfter
          state={state}
          view={view}
          edited={thread.edited}
          controller={controller}
          kept={extras(busy, 'kept')}
        />
      )}
    </section>
  );
}
