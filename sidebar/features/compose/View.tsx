import type { ComponentChildren } from 'preact';
import { useRef } from 'preact/hooks';
import type { ImageSize, Target } from '../../../src/shared/rpc';
import type { SharedAction } from '../../kernel/actions';
import { type ChoiceSources, choices } from '../../kernel/model-choice';
import { Progress } from '../../kernel/Progress';
import { Select, VariantsSelect } from '../../kernel/Select';
import { PROMPT_FIELD, ShortcutBox } from '../../kernel/ShortcutBox';
import type { Dispatch } from '../../kernel/store';
import type { Generating } from '../../kernel/waits';
import { t, told } from '../../kernel/words';
import type { SessionState } from '../session/state';
import type { ComposeActions } from './actions';
import { type ComposeAction, type ComposeState, describeEstimate, estimateCost, loadingModels } from './state';

interface Props {
  readonly state: ChoiceSources & {
    readonly session: SessionState;
    readonly compose: ComposeState;
    readonly results: { readonly generating: Generating | null };
  };
  readonly controller: {
    readonly dispatch: Dispatch<ComposeAction | SharedAction>;
    readonly compose: ComposeActions;
    /** Generate and Cancel, which the results feature carries out. */
    readonly results: { generate(): Promise<void>; cancel(): void };
  };
  /** What other features put in the compose view: Docs' image width, the deck jobs, the style, the references. */
  readonly docsWidth: ComponentChildren;
  readonly deck: ComponentChildren;
  readonly style: ComponentChildren;
  readonly references: ComponentChildren;
}

const IS_MAC = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
const SHORTCUT = IS_MAC ? '⌘ Enter' : 'Ctrl+Enter';

/**
 * The server names a prompt's source as a label ("The slide’s title and text", "Selected text"); here it sits
 * mid-sentence ("Written from the slide’s title and text."). Those labels start with an ordinary word.
 */
function midSentence(source: string): string {
  return source.charAt(0).toLowerCase() + source.slice(1);
}

/** Where the image will go, read from the editor's selection. */
function TargetLine({ target }: { target: Target | null }) {
  return (
    <div class="target">
      <p>
        <span class="muted">{t('goesTo')}</span>
        <strong>{target ? told(target.label, target.labelWords) : t('readingSelection')}</strong>
      </p>
      {(target?.images?.length ?? 0) >= 2 && (
        <p class="hint">{t('selectedPictures', { n: target?.images?.length ?? 0 })}</p>
      )}
      {target?.problem && <p class="warning">{told(target.problem, target.problemWords)}</p>}
      {target?.noRoom && !target.problem && (
        <p class="warning">{told(target.noRoom.message, target.noRoom.messageWords)}</p>
      )}
    </div>
  );
}

/** Prompt, pickers, the estimate and Generate (or the progress while generating). */
export function Compose({ state, controller, docsWidth, deck, style, references }: Props) {
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
    void controller.results.generate();
  };

  return (
    <section class="compose" aria-label={t('newImage')}>
      <TargetLine target={session.target} />
      {session.host === 'docs' && docsWidth}
      {deck}

      <div class="illustrate">
        <button
          type="button"
          class="button tonal"
          onClick={controller.compose.illustrate}
          disabled={illustrating}
          aria-describedby="illustrate-hint"
        >
          {t(illustrating ? 'writingPrompt' : session.host === 'docs' ? 'illustrateDocs' : 'illustrateSlides')}
        </button>
        {session.host === 'slides' && (
          <label class="check">
            <input
              type="checkbox"
              checked={compose.includeNotes}
              onChange={(e) => dispatch({ type: 'notesToggled', includeNotes: e.currentTarget.checked })}
            />
            {t('speakerNotes')}
          </label>
        )}
        <p id="illustrate-hint" class="hint">
          {t(session.host === 'docs' ? 'illustrateHintDocs' : 'illustrateHintSlides')}
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
        {compose.promptSource ? `${t('writtenFrom', { source: midSentence(compose.promptSource) })} ` : ''}
        {t('generates', { key: SHORTCUT })}
      </p>
      {style}
      {compose.promptBeforeIllustrate !== null && compose.promptSource !== null && (
        <button type="button" class="button text" onClick={controller.compose.undoIllustrate}>
          {t('undoIllustrate')}
        </button>
      )}
      {references}

      <Select
        id="model"
        label={t('model')}
        value={model?.id ?? ''}
        disabled={compose.models.length === 0}
        options={
          compose.models.length === 0
            ? [['', t('loadingModels')]]
            : compose.models.map((m) => [m.id, m.displayName] as const)
        }
        onChange={(id) => dispatch({ type: 'modelChosen', id })}
      />
      {model?.warning && <p class="warning">{model.warning}</p>}

      <div class="options">
        <div>
          <Select
            id="ratio"
            label={t('ratio')}
            value={ratio}
            options={(model?.aspectRatios ?? [ratio]).map(
              (r) => [r, r === fittingRatio && session.target ? t('fits', { ratio: r }) : r] as const,
            )}
            onChange={(r) => dispatch({ type: 'ratioChosen', ratio: r })}
          />
        </div>
        <div>
          <Select
            id="size"
            label={t('size')}
            value={size}
            options={(model?.imageSizes ?? [size]).map((s) => [s, s === '512' ? '512 px' : s] as const)}
            onChange={(s) => dispatch({ type: 'sizeChosen', size: s as ImageSize })}
          />
        </div>
        <div>
          <VariantsSelect
            id="variants"
            value={variants}
            onChange={(n) => dispatch({ type: 'variantsChosen', variants: n })}
          />
        </div>
      </div>

      <p class="estimate">{describeEstimate(estimateCost(model, size, variants), variants)}</p>
      {compose.policy.map((note) => (
        <p key={note} class="hint">
          {note}
        </p>
      ))}

      {generating ? (
        <Progress generating={generating} onCancel={controller.results.cancel} />
      ) : (
        <>
          {/* Until the models are known there is nothing to send: say why the button waits. */}
          {waiting && (
            <p id="generate-hint" class="hint">
              {t('loadingModels')}
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
            {t('generate')}
          </button>
        </>
      )}
    </section>
  );
}
