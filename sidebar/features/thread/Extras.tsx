/**
 * The thread's quick edits and its kept versions, and where the edit view asks for them the marked part's views
 * (Region.tsx): in the sidebar's late part (app/parts.ts), fetched the first time a picture with a thread is
 * shown, so the page a person opens to generate carries less.
 */
import { useEffect, useState } from 'preact/hooks';
import { estimateCost } from '../../../src/core/gemini/cost';
import type { ImageDelivered, Wire } from '../../../src/shared/rpc';
import { formatUsd, whenLabel, whoLabel } from '../../kernel/format';
import { choices, fittingRatio } from '../../kernel/model-choice';
import { Enlargeable, PictureChoice } from '../../kernel/Picture';
import { toWireError } from '../../kernel/rpc';
import { Select } from '../../kernel/Select';
import { t, told } from '../../kernel/words';
import type { ThreadActions } from './actions';
import { Kept, Marker, type RegionProps } from './Region';
import { CURRENT, comparable, selectedVariant, type ThreadState } from './state';
import type { Props } from './View';

/** The sizes a picture can be drawn again at, with their long side in pixels. */
const SHARPER = [
  ['2K', 2048],
  ['4K', 4096],
] as const;

export function QuickEdits({
  state,
  controller,
  disabled,
}: Pick<Props, 'state' | 'controller'> & { disabled: boolean }) {
  const [background, setBackground] = useState('');
  const target = state.session.target;
  const ratios = choices(state).model?.aspectRatios ?? ['16:9'];
  // Expand's default is the slide's own shape (Docs pages have none worth matching: the widest common one).
  const slideRatio = fittingRatio(target?.backgroundRatio ?? 16 / 9, ratios);
  const [ratio, setRatio] = useState<string | null>(null);
  const expandTo = ratio && ratios.includes(ratio) ? ratio : slideRatio;
  const quick = (q: Parameters<ThreadActions['edit']>[0]) => void controller.thread.edit(q);
  const { model, variants } = choices(state);
  const current = state.thread.view?.current;
  const longSide = current ? Math.max(current.pixelWidth, current.pixelHeight) : 0;
  // Offered only where the model draws that size and it is larger than the picture already is.
  const sharper = SHARPER.filter(([size, px]) => model?.imageSizes.includes(size) && longSide < px * 0.9);
  return (
    <fieldset class="quick-edits">
      <legend>{t('quickEdits')}</legend>
      {sharper.length > 0 && (
        <div class="quick-row">
          {sharper.map(([size]) => {
            const usd = model ? estimateCost(model, size, variants).totalUsd : null;
            return (
              <button
                key={size}
                type="button"
                class="button tonal"
                disabled={disabled}
                onClick={() => quick({ kind: 'sharper', imageSize: size })}
              >
                {t('renderAt', { size })}
                {usd === null ? '' : ` · ${formatUsd(usd)}`}
              </button>
            );
          })}
        </div>
      )}
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

/**
 * A chain of edits: while a preview shows, what the next instruction starts from (the preview, or the picture in
 * the document) and the chain's previews as a strip to choose the one Apply places. With no preview showing, a
 * chain a reopened sidebar found in the conversation can be brought back while its previews are kept.
 */
export function Chain({ state, view, controller }: Props) {
  const [note, setNote] = useState<string | null>(null);
  const edited = state.thread.edited;
  /** The previews back from the caller's cache: the newest shown, the others as its chain. */
  async function bringBack(ids: readonly string[]): Promise<void> {
    let gone = '';
    const found = await Promise.all(
      ids.map((id) =>
        controller.thread.preview(id).catch((error: unknown) => {
          const { message, action } = toWireError(error);
          gone = `${message} ${action}`;
          return null;
        }),
      ),
    );
    const back: Wire<ImageDelivered>[] = found.flatMap((p) =>
      p
        ? [{ kind: 'image', image: p.image, altTitle: p.instruction, text: p.text, warnings: [], documentCostUsd: 0 }]
        : [],
    );
    const last = back.at(-1);
    setNote(last ? (back.length < ids.length ? t('previewsGone') : null) : gone);
    if (!last) return;
    const patch = { ref: view.ref, instruction: last.altTitle, variants: [last], selectedId: last.image.id };
    controller.dispatch({
      type: 'editedPatched',
      patch: { ...patch, failures: [], changed: null, chain: back.slice(0, -1), fromDocument: false },
    });
  }
  if (!edited) {
    // The previews shown after the picture the document shows, which the caller made.
    const placed = view.turns.map((turn) => !turn.shown).lastIndexOf(true);
    const ids = view.turns.slice(placed + 1).flatMap((turn) => (turn.imageId ? [turn.imageId] : []));
    if (ids.length === 0) return null;
    return (
      <div class="chain">
        {note && <p class="warning">{note}</p>}
        <button
          type="button"
          class="button outlined"
          disabled={state.session.busy !== null}
          onClick={() => void bringBack(ids)}
        >
          {t('bringBack', { n: ids.length })}
        </button>
      </div>
    );
  }
  const newest = edited.variants.find((v) => v.image.id === edited.selectedId) ?? edited.variants[0];
  const links = [...(edited.chain ?? []), ...(newest ? [newest] : [])];
  const fromDocument = edited.fromDocument === true;
  return (
    <div class="chain">
      {note && <p class="hint">{note}</p>}
      <p class="hint">
        {t(fromDocument ? 'chainFromDocument' : 'chainFromPreview')}{' '}
        <button
          type="button"
          class="button text"
          onClick={() => controller.dispatch({ type: 'editedPatched', patch: { fromDocument: !fromDocument } })}
        >
          {t(fromDocument ? 'continueFromPreview' : 'editDocumentInstead')}
        </button>
      </p>
      {links.length > 1 && (
        <>
          <p class="field-label" id="chain-steps">
            {t('chainSteps')}
          </p>
          <PictureChoice
            labelledBy="chain-steps"
            name="chain-step"
            grid={false}
            choices={links.map((link, i) => ({
              id: link.image.id,
              picture: link.image,
              alt: t('chainStep', { i: i + 1, n: links.length }),
              caption: `${i + 1}`,
            }))}
            chosen={selectedVariant(edited)?.image.id}
            onChoose={(id) => controller.dispatch({ type: 'editedPatched', patch: { selectedId: id } })}
          />
        </>
      )}
    </div>
  );
}

function VersionPictureView({ thread, id, alt }: { thread: ThreadState; id: string; alt: string }) {
  const picture = thread.pictures[id];
  if (!picture || picture.state === 'loading') return <p class="hint">{t('loading')}</p>;
  if (picture.state === 'unavailable') return <p class="warning">{picture.error.message}</p>;
  return <Enlargeable picture={picture.image} alt={alt} caption={alt} />;
}

/** Kept versions as thumbnails (fetched when first opened), Compare any two, Restore any one. */
export function Versions({ state, view, controller }: Props) {
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
                {told(thread.restoreChanged.changed.message, thread.restoreChanged.changed.messageWords)}{' '}
                {t('restoreAnywayHint')}
              </p>
            )}
            <button
              type="button"
              class="button outlined"
              disabled={restoring || thread.pictures[v.id]?.state === 'unavailable'}
              onClick={() => void controller.thread.restore(v.id, t('restoredVersion', { i: i + 1 }))}
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

/**
 * The late part's views in the edit view, for where it asks (View.tsx `extras`): the marking over the picture, what
 * an edit kept to a part did outside it, or, by default, the quick edits and the versions.
 */
export function Extras(props: RegionProps & { readonly at?: 'mark' | 'kept' | undefined; readonly busy: boolean }) {
  if (props.at === 'mark') return <Marker {...props} />;
  if (props.at === 'kept') return <Kept {...props} />;
  return (
    <>
      <Chain state={props.state} view={props.view} controller={props.controller} />
      <QuickEdits state={props.state} controller={props.controller} disabled={props.busy} />
      <Versions state={props.state} view={props.view} controller={props.controller} />
    </>
  );
}
