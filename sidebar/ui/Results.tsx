import { useEffect, useRef } from 'preact/hooks';
import { previewAltText } from '../../src/core/prompts';
import type { Controller } from '../controller';
import { canInsertAs, dataUrl, insertBlocker, type Results as ResultsState } from '../features/results/state';
import { formatUsd } from '../format';
import type { State } from '../store';

interface Props {
  readonly state: State;
  readonly results: ResultsState;
  readonly controller: Controller;
}

function runCost(results: ResultsState): string {
  if (results.costUsd === null) return 'Cost: unknown';
  const count = results.images.length;
  return count > 1 ? `Cost: ${formatUsd(results.costUsd)} for ${count} images` : `Cost: ${formatUsd(results.costUsd)}`;
}

/** The variants as a radio group (arrow keys move between them), then what can be done with the chosen one. */
export function Results({ state, results, controller }: Props) {
  const section = useRef<HTMLElement>(null);
  const { images, selectedId } = results;
  const target = state.session.target;
  const blocker = insertBlocker(target);
  const inserting = state.session.busy === 'insert';

  useEffect(() => {
    // New images usually land below the fold of a 300 px sidebar.
    section.current?.scrollIntoView?.({ block: 'nearest', behavior: 'smooth' });
  }, [results.images]);

  return (
    <section class="results" ref={section} aria-labelledby="results-heading">
      <h2 id="results-heading">Results</h2>
      <div role="radiogroup" aria-labelledby="results-heading" class={images.length > 1 ? 'variants grid' : 'variants'}>
        {images.map((image, i) => (
          <label key={image.id} class="variant">
            <input
              type="radio"
              name="variant"
              value={image.id}
              checked={image.id === selectedId}
              onChange={() => controller.dispatch({ type: 'imageSelected', id: image.id })}
            />
            <img
              src={dataUrl(image)}
              alt={previewAltText(results.prompt, i, images.length)}
              width={image.pixelWidth}
              height={image.pixelHeight}
            />
            <span class="badge" aria-hidden="true">
              ✓
            </span>
            <span class="caption">
              {image.pixelWidth}×{image.pixelHeight} ·{' '}
              {image.costUsd === null ? 'cost unknown' : formatUsd(image.costUsd)}
            </span>
          </label>
        ))}
      </div>
      <p class="cost">{runCost(results)}</p>

      {results.text && (
        <p class="model-text">
          <span class="muted">Gemini: </span>
          {results.text}
        </p>
      )}
      {results.warnings.map((w) => (
        <p key={w} class="warning">
          {w}
        </p>
      ))}
      {results.failures.length > 0 && (
        <div class="warning">
          <p>
            {results.failures.length === 1 ? 'One variant failed: ' : `${results.failures.length} variants failed: `}
            {results.failures[0]?.message} {results.failures[0]?.action}
          </p>
        </div>
      )}

      {blocker && <p class="warning">Can’t insert here: {blocker}</p>}
      <div class="actions" aria-busy={inserting}>
        <button
          type="button"
          class="button filled"
          disabled={inserting || !canInsertAs(target, 'insert')}
          onClick={() => controller.insert('insert')}
        >
          Insert
        </button>
        <button
          type="button"
          class="button outlined"
          disabled={inserting || !canInsertAs(target, 'replace')}
          onClick={() => controller.insert('replace')}
        >
          Replace selected
        </button>
        {state.session.host === 'slides' && (
          <button
            type="button"
            class="button outlined"
            disabled={inserting || !canInsertAs(target, 'background')}
            onClick={() => controller.insert('background')}
          >
            Insert as background
          </button>
        )}
        <button type="button" class="button text" disabled={inserting} onClick={controller.discard}>
          Discard
        </button>
      </div>
    </section>
  );
}
