import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ThreadView } from '../../../src/shared/rpc';
import type { SharedAction } from '../../kernel/actions';
import { ChangedChoice } from '../../kernel/ChangedChoice';
import { formatUsd, whenLabel, whoLabel } from '../../kernel/format';
import { ModelNotes } from '../../kernel/ModelNotes';
import { type ChoiceSources, choices, fittingRatio } from '../../kernel/model-choice';
import { Enlargeable, Img, PictureChoice } from '../../kernel/Picture';
import { Progress } from '../../kernel/Progress';
import { Select, VariantsSelect } from '../../kernel/Select';
import { INSTRUCTION_FIELD, ShortcutBox } from '../../kernel/ShortcutBox';
import type { Dispatch } from '../../kernel/store';
import { t } from '../../kernel/words';
import type { ComposeAction } from '../compose/state';
import type { SessionState } from '../session/state';
import type { ThreadActions } from './actions';
import {
  CURRENT,
  comparable,
  type Edited,
  keepsAlt,
  selectedVariant,
  type ThreadAction,
  type ThreadState,
} from './state';

type Controller = {
  readonly dispatch: Dispatch<ThreadAction | ComposeAction | SharedAction>;
  readonly thread: ThreadActions;
};

interface Props {
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
          </p>
          <p>{turn.kind === 'restore' ? `${t('restoredEarlier')} ${turn.instruction}` : turn.instruction}</p>
          {turn.modelText && <p class="muted">Gemini: {turn.modelText}</p>}
        </li>
      ))}
    </ol>
  );
}

function QuickEdits({ state, controller, disabled }: Pick<Props, 'state' | 'controller'> & { disabled: boolean }) {
  const [background, setBackground] = useState('');
  const target = state.session.target;
  const ratios = choices(state).model?.aspectRatios ?? ['16:9'];
  // Expand's default is the slide's own shape (Docs pages have none worth matching: the widest common one).
  const slideRatio = fittingRatio(target?.backgroundRatio ?? 16 / 9, ratios);
  const [ratio, setRatio] = useState<string | null>(null);
  const expandTo = ratio && ratios.includes(ratio) ? ratio : slideRatio;
  const quick = (q: Parameters<ThreadActions['edit']>[0]) => void controller.thread.edit(q);
  return (
    <fieldset class="quick-edits">
      <legend>{t('quickEdits')}</legend>
      <div class="quick-row">
        <button
          type="button"
          class="button tonal"
          disabled={disabled}
          onClick={() => quick({ kind: 'remove-background' })}
        >
          {t('removeBackground')}
        </button>
        <button
          type="button"
          class="button tonal"
          disabled={disabled}
          onClick={() => quick({ kind: 'more-like-this' })}
        >
          {t('moreLikeThis')}
        </button>
        {state.session.host === 'slides' && (
          <button
            type="button"
            class="button tonal"
            disabled={disabled}
            onClick={() => quick({ kind: 'match-colours' })}
          >
            {t('matchColours')}
          </button>
        )}
      </div>
      <label class="field-label" htmlFor="new-background">
        {t('newBackground')}
      </label>
      <div class="quick-row">
        <input
          id="new-background"
          type="text"
          value={background}
          placeholder={t('newBackgroundExample')}
          onInput={(e) => setBackground(e.currentTarget.value)}
        />
        <button
          type="button"
          class="button tonal"
          disabled={disabled || !background.trim()}
          onClick={() => quick({ kind: 'replace-background', with: background.trim() })}
        >
          {t('replaceBackground')}
        </button>
      </div>
      <label class="field-label" htmlFor="expand-ratio">
        {t('expandTo')}
      </label>
      <div class="quick-row">
        <Select
          id="expand-ratio"
          value={expandTo}
          options={ratios.map(
            (r) =>
              [r, r === slideRatio && state.session.host === 'slides' ? t('slidesRatio', { ratio: r }) : r] as const,
          )}
          onChange={setRatio}
        />
        <button
          type="button"
          class="button tonal"
          disabled={disabled}
          onClick={() => quick({ kind: 'expand', aspectRatio: expandTo })}
        >
          {t('expand')}
        </button>
      </div>
    </fieldset>
  );
}

/** The edited variants beside the image as it is now, then Apply. */
function BeforeAfter({ state, view, edited, controller }: Props & { edited: Edited }) {
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
          alt={t('beforeOf', { what: view.altTitle || view.label })}
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
      <label class="check">
        <input
          type="checkbox"
          checked={keepsAlt(state.thread)}
          onChange={(e) => controller.dispatch({ type: 'keepAltToggled', keep: e.currentTarget.checked })}
        />
        {t(view.altByPerson ? 'keepPersonAlt' : 'keepAlt')}
      </label>
      {edited.changed ? (
        <ChangedMeanwhile message={edited.changed.message} applying={applying} controller={controller} />
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

function VersionPictureView({ thread, id, alt }: { thread: ThreadState; id: string; alt: string }) {
  const picture = thread.pictures[id];
  if (!picture || picture.state === 'loading') return <p class="hint">{t('loading')}</p>;
  if (picture.state === 'unavailable') return <p class="warning">{picture.error.message}</p>;
  return <Enlargeable picture={picture.image} alt={alt} caption={alt} />;
}

/** Kept versions as thumbnails (fetched when first opened), Compare any two, Restore any one. */
function Versions({ state, view, controller }: Props) {
  const thread = state.thread;
  const kept = view.versions.filter((v) => !v.current);
  const options = comparable(view);
  const restoring = state.session.busy === 'restore';
  const [open, setOpen] = useState(false);
  useEffect(() => {
    if (open) for (const v of kept) void controller.thread.loadVersion(v.id);
  }, [open, kept, controller]);
  if (kept.length === 0) return null;
  const pair = thread.compare ?? [CURRENT, kept[kept.length - 1]?.id ?? CURRENT];
  const choose = (i: 0 | 1) => (value: string) => {
    const next: [string, string] = [pair[0], pair[1]];
    next[i] = value;
    controller.dispatch({ type: 'compareChosen', pair: next });
  };
  const labelOf = (id: string) => options.find((o) => o.id === id)?.label ?? id;
  const side = (id: string) =>
    id === CURRENT ? (
      <Enlargeable picture={view.current} alt={labelOf(id)} caption={labelOf(id)} />
    ) : (
      <VersionPictureView thread={thread} id={id} alt={labelOf(id)} />
    );
  return (
    <details class="versions" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{t('versions', { n: kept.length })}</summary>
      <ul class="version-list">
        {kept.map((v, i) => (
          <li key={v.id} class="version">
            <VersionPictureView thread={thread} id={v.id} alt={t('versionN', { i: i + 1 })} />
            <p class="turn-meta">
              {whoLabel(v.who)} · {whenLabel(v.at, Date.now())}
            </p>
            {thread.restoreChanged?.versionId === v.id && (
              <p class="warning" role="alert">
                {thread.restoreChanged.changed.message} {t('restoreAnywayHint')}
              </p>
            )}
            <button
              type="button"
              class="button outlined"
              disabled={restoring || thread.pictures[v.id]?.state === 'unavailable'}
              onClick={() => void controller.thread.restore(v.id, `version ${i + 1}`)}
            >
              {thread.restoreChanged?.versionId === v.id ? t('restoreAnyway') : t('restoreVersion', { i: i + 1 })}
            </button>
          </li>
        ))}
      </ul>
      <div class="compare">
        <div class="options">
          {[t('compare'), t('with')].map((words, side) => (
            <div key={side}>
              <Select
                id={`compare-${side}`}
                label={words}
                value={pair[side as 0 | 1]}
                options={options.map((o) => [o.id, o.label] as const)}
                onChange={choose(side as 0 | 1)}
              />
            </div>
          ))}
        </div>
        {open && (
          <div class="before-after">
            {side(pair[0])}
            {side(pair[1])}
          </div>
        )}
      </div>
    </details>
  );
}

/** The image an edit would change: its picture, its conversation, what should change next, and its versions. */
export function Thread({
  state,
  view,
  controller,
  style,
  references,
}: Props & { readonly style: ComponentChildren; readonly references: ComponentChildren }) {
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
        <strong>{view.label}</strong>
      </p>
      <Img
        class="thread-current"
        picture={view.current}
        alt={t('nowInDocument', { what: view.altTitle || view.label })}
      />
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
      <QuickEdits state={state} controller={controller} disabled={busy} />
      {thread.edited && <BeforeAfter state={state} view={view} edited={thread.edited} controller={controller} />}
      <Versions state={state} view={view} controller={controller} />
    </section>
  );
}
