import { useRef } from 'preact/hooks';
import { DOCS_WIDTH_LABELS, DOCS_WIDTHS } from '../../src/core/docs-width';
import type { DocsWidth, ImageSize } from '../../src/shared/rpc';
import type { Controller } from '../controller';
import { choices, describeEstimate, estimateCost, loadingModels, MAX_VARIANTS } from '../features/compose/state';
import type { State } from '../store';
import { DeckEntries } from './Job';
import { Progress } from './Progress';
import { References } from './References';
import { PROMPT_FIELD, ShortcutBox } from './ShortcutBox';
import { StyleChip } from './Style';

interface Props {
  readonly state: State;
  readonly controller: Controller;
}

const IS_MAC = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
const SHORTCUT = IS_MAC ? '⌘ Enter' : 'Ctrl+Enter';
const VARIANT_COUNTS = Array.from({ length: MAX_VARIANTS }, (_, i) => i + 1);

/**
 * The server names a prompt's source as a label ("The slide’s title and text", "Selected text"); here it sits
 * mid-sentence ("Written from the slide’s title and text."). Those labels start with an ordinary word.
 */
function midSentence(source: string): string {
  return source.charAt(0).toLowerCase() + source.slice(1);
}

/** Docs: how wide new images are in this document (everyone inserting here gets the same). */
function DocsWidthPicker({ state, controller }: Props) {
  return (
    <div class="docs-width">
      <label class="field-label" htmlFor="docs-width">
        Image width
      </label>
      <select
        id="docs-width"
        value={state.insert.docsWidth}
        onChange={(e) => void controller.chooseDocsWidth(e.currentTarget.value as DocsWidth)}
      >
        {DOCS_WIDTHS.map((w) => (
          <option key={w} value={w}>
            {DOCS_WIDTH_LABELS[w]}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Where the image will go, read from the editor's selection. */
function TargetLine({ state }: { state: State }) {
  const target = state.session.target;
  return (
    <div class="target">
      <p>
        <span class="muted">Goes to: </span>
        <strong>{target ? target.label : 'Reading the selection…'}</strong>
      </p>
      {(target?.images?.length ?? 0) >= 2 && (
        <p class="hint">
          {target?.images?.length} pictures are selected: “Use the {target?.images?.length} selected pictures” below
          makes them the references of one new image.
        </p>
      )}
      {target?.problem && <p class="warning">{target.problem}</p>}
      {target?.noRoom && !target.problem && <p class="warning">{target.noRoom.message}</p>}
    </div>
  );
}

/** Prompt, pickers, the estimate and Generate (or the progress while generating). */
export function Compose({ state, controller }: Props) {
  const { dispatch } = controller;
  const { model, ratio, fittingRatio, size, variants } = choices(state);
  const { session, compose } = state;
  const generating = state.results.generating;
  const illustrating = session.busy === 'illustrate';
  const waiting = loadingModels(compose);
  const invalid = session.error?.code === 'BAD_INPUT';
  const promptBox = useRef<HTMLTextAreaElement>(null);
  const generate = () => {
    // An empty prompt is answered with an error; the box is where to fix it.
    if (!compose.prompt.trim()) promptBox.current?.focus();
    void controller.generate();
  };

  return (
    <section class="compose" aria-label="New image">
      <TargetLine state={state} />
      {session.host === 'docs' && <DocsWidthPicker state={state} controller={controller} />}
      {session.host === 'slides' && <DeckEntries state={state} controller={controller} />}

      <div class="illustrate">
        <button
          type="button"
          class="button tonal"
          onClick={controller.illustrate}
          disabled={illustrating}
          aria-describedby="illustrate-hint"
        >
          {illustrating
            ? 'Writing a prompt…'
            : session.host === 'docs'
              ? 'Illustrate the selection'
              : 'Illustrate this slide'}
        </button>
        {session.host === 'slides' && (
          <label class="check">
            <input
              type="checkbox"
              checked={compose.includeNotes}
              onChange={(e) => dispatch({ type: 'notesToggled', includeNotes: e.currentTarget.checked })}
            />
            Use speaker notes
          </label>
        )}
        <p id="illustrate-hint" class="hint">
          Writes a prompt from the {session.host === 'docs' ? 'selected text' : 'slide’s text'} for you to edit.
        </p>
      </div>

      <ShortcutBox
        {...PROMPT_FIELD}
        boxRef={promptBox}
        value={compose.prompt}
        invalid={invalid}
        onInput={(prompt) => dispatch({ type: 'promptChanged', prompt })}
        onSubmit={generate}
      />
      <p id="prompt-hint" class="hint">
        {compose.promptSource ? `Written from ${midSentence(compose.promptSource)}. ` : ''}
        {SHORTCUT} generates.
      </p>
      <StyleChip state={state} controller={controller} />
      {compose.promptBeforeIllustrate !== null && compose.promptSource !== null && (
        <button type="button" class="button text" onClick={controller.undoIllustrate}>
          Undo Illustrate
        </button>
      )}
      <References state={state} controller={controller} mode="generate" />

      <label class="field-label" htmlFor="model">
        Model
      </label>
      <select
        id="model"
        value={model?.id ?? ''}
        disabled={compose.models.length === 0}
        onChange={(e) => dispatch({ type: 'modelChosen', id: e.currentTarget.value })}
      >
        {compose.models.length === 0 && <option value="">Loading models…</option>}
        {compose.models.map((m) => (
          <option key={m.id} value={m.id}>
            {m.displayName}
          </option>
        ))}
      </select>
      {model?.warning && <p class="warning">{model.warning}</p>}

      <div class="options">
        <div>
          <label class="field-label" htmlFor="ratio">
            Aspect ratio
          </label>
          <select
            id="ratio"
            value={ratio}
            onChange={(e) => dispatch({ type: 'ratioChosen', ratio: e.currentTarget.value })}
          >
            {(model?.aspectRatios ?? [ratio]).map((r) => (
              <option key={r} value={r}>
                {r === fittingRatio && session.target ? `${r} (fits)` : r}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label class="field-label" htmlFor="size">
            Size
          </label>
          <select
            id="size"
            value={size}
            onChange={(e) => dispatch({ type: 'sizeChosen', size: e.currentTarget.value as ImageSize })}
          >
            {(model?.imageSizes ?? [size]).map((s) => (
              <option key={s} value={s}>
                {s === '512' ? '512 px' : s}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label class="field-label" htmlFor="variants">
            Variants
          </label>
          <select
            id="variants"
            value={String(variants)}
            onChange={(e) => dispatch({ type: 'variantsChosen', variants: Number(e.currentTarget.value) })}
          >
            {VARIANT_COUNTS.map((n) => (
              <option key={n} value={String(n)}>
                {n}
              </option>
            ))}
          </select>
        </div>
      </div>

      <p class="estimate">{describeEstimate(estimateCost(model, size, variants), variants)}</p>

      {generating ? (
        <Progress generating={generating} onCancel={controller.cancel} />
      ) : (
        <>
          {/* Until the models are known there is nothing to send: say why the button waits. */}
          {waiting && (
            <p id="generate-hint" class="hint">
              Loading models…
            </p>
          )}
          <button
            type="button"
            class="button filled wide"
            data-refocus
            onClick={generate}
            disabled={waiting}
            aria-describedby={waiting ? 'generate-hint' : undefined}
          >
            Generate
          </button>
        </>
      )}
    </section>
  );
}
