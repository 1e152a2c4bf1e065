/**
 * The marked part's views, in the sidebar's late part (app/parts.ts): over the edit view's picture, the person
 * drags a rectangle around the part to change (or moves one with the arrow keys); under an edit kept to it, how
 * much the model changed outside it and "Keep everything else exactly". The pixel work is marking.ts's.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { clampRegion, type Region as Part, regionProblem } from '../../../src/core/region';
import { said } from '../../kernel/actions';
import { t } from '../../kernel/words';
import { type KeepPorts, keepEverythingElse } from './keep-rest';
import { markRegion, outsideShare } from './marking';
import { selectedVariant } from './state';
import type { Props } from './View';

interface Fit {
  /** Where the picture is drawn inside the overlay (the image is contained, so it may be letterboxed). */
  readonly left: number;
  readonly top: number;
  /** Screen pixels per picture pixel. */
  readonly scale: number;
}

function contained(box: { width: number; height: number }, picture: { width: number; height: number }): Fit {
  const scale = Math.min(box.width / picture.width, box.height / picture.height);
  return {
    left: (box.width - picture.width * scale) / 2,
    top: (box.height - picture.height * scale) / 2,
    scale,
  };
}

function between(a: { x: number; y: number }, b: { x: number; y: number }): Part {
  return { left: Math.min(a.x, b.x), top: Math.min(a.y, b.y), width: Math.abs(a.x - b.x), height: Math.abs(a.y - b.y) };
}

/** A drag shorter than this on screen is a click, not a part. */
const MIN_DRAG_PX = 4;

/** While an edit or another call is under way, the part stays as it is. */
const busyWith = (state: Props['state']) => state.thread.editing !== null || state.session.busy !== null;

/** Over the edit view's picture: drag (or the arrow keys) to mark the part the next edit keeps to. */
export function Marker({ state, view, controller }: Props) {
  const disabled = busyWith(state);
  const region = state.thread.region ?? null;
  const picture = view.current;
  const size = { width: picture.pixelWidth, height: picture.pixelHeight };
  const area = useRef<HTMLDivElement>(null);
  const start = useRef<{ x: number; y: number } | null>(null);
  const asked = useRef(0);
  const [draft, setDraft] = useState<Part | null>(null);
  const [box, setBox] = useState<{ width: number; height: number } | null>(null);

  useEffect(() => {
    const element = area.current;
    if (!element) return;
    const measure = () => setBox({ width: element.clientWidth, height: element.clientHeight });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  // A part marked on another picture (an edit applied meanwhile) is not this one's: its marked copy shows the old
  // picture, and its corners may not fit. Let it go.
  const markedOn = useRef(picture.base64);
  useEffect(() => {
    const changed = markedOn.current !== picture.base64;
    markedOn.current = picture.base64;
    if (region && (changed || regionProblem(region, size))) {
      controller.dispatch({ type: 'regionPatched', patch: { region: null } });
    }
  }, [region, picture.base64, size, controller]);

  const mark = (next: Part | null) => {
    const ask = ++asked.current;
    if (next === null) {
      setDraft(null);
      controller.dispatch({ type: 'regionPatched', patch: { region: null } });
      return;
    }
    const part = clampRegion(next, size);
    setDraft(part);
    markRegion(picture, part).then(
      (request) => {
        if (ask !== asked.current) return;
        setDraft(null);
        controller.dispatch({ type: 'regionPatched', patch: { region: request } });
      },
      () => {
        if (ask !== asked.current) return;
        setDraft(null);
        controller.dispatch(said({ notice: t('markFailed') }));
      },
    );
  };

  const at = (event: PointerEvent) => {
    const rect = (event.currentTarget as HTMLElement).getBoundingClientRect();
    const fit = contained(rect, size);
    return {
      x: (event.clientX - rect.left - fit.left) / fit.scale,
      y: (event.clientY - rect.top - fit.top) / fit.scale,
    };
  };

  const onKey = (event: KeyboardEvent) => {
    if (disabled) return;
    if (event.key === 'Delete' || event.key === 'Backspace' || event.key === 'Escape') {
      if (!region) return;
      event.preventDefault();
      mark(null);
      return;
    }
    const moves: Record<string, [number, number]> = {
      ArrowLeft: [-1, 0],
      ArrowRight: [1, 0],
      ArrowUp: [0, -1],
      ArrowDown: [0, 1],
    };
    const move = moves[event.key];
    if (!move) return;
    event.preventDefault();
    const step = Math.max(1, Math.round(Math.max(size.width, size.height) / 40));
    const now = draft ??
      region ?? {
        left: Math.round(size.width / 3),
        top: Math.round(size.height / 3),
        width: Math.round(size.width / 3),
        height: Math.round(size.height / 3),
      };
    const [dx, dy] = move;
    mark(
      event.shiftKey
        ? { ...now, width: Math.max(1, now.width + dx * step), height: Math.max(1, now.height + dy * step) }
        : {
            ...now,
            left: Math.min(size.width - now.width, Math.max(0, now.left + dx * step)),
            top: Math.min(size.height - now.height, Math.max(0, now.top + dy * step)),
          },
    );
  };

  const shown = draft ?? region;
  const fit = box ? contained(box, size) : null;
  return (
    <div
      ref={area}
      class={disabled ? 'region-marker off' : 'region-marker'}
      role="application"
      tabIndex={disabled ? -1 : 0}
      aria-label={t('markPart')}
      onPointerDown={(event) => {
        if (disabled || event.button !== 0 || (event.target as HTMLElement).closest('button')) return;
        event.currentTarget.setPointerCapture?.(event.pointerId);
        start.current = at(event);
      }}
      onPointerMove={(event) => {
        if (start.current) setDraft(clampRegion(between(start.current, at(event)), size));
      }}
      onPointerUp={(event) => {
        const from = start.current;
        if (!from) return;
        start.current = null;
        const part = between(from, at(event));
        const scale = contained(event.currentTarget.getBoundingClientRect(), size).scale;
        if (part.width * scale < MIN_DRAG_PX || part.height * scale < MIN_DRAG_PX) setDraft(null);
        else mark(part);
      }}
      onKeyDown={onKey}
    >
      {shown && fit && (
        <div
          class="region-box"
          data-testid="region-box"
          style={{
            left: `${fit.left + shown.left * fit.scale}px`,
            top: `${fit.top + shown.top * fit.scale}px`,
            width: `${shown.width * fit.scale}px`,
            height: `${shown.height * fit.scale}px`,
            ...(region && !draft ? { borderColor: region.colour } : {}),
          }}
        />
      )}
      <span class="region-hint">{region ? t('markedPart') : t('dragToMark')}</span>
      {region && (
        <button type="button" class="region-clear" disabled={disabled} onClick={() => mark(null)}>
          {t('clearMark')}
        </button>
      )}
    </div>
  );
}

/** "12", or "<1" for a little: the share as the sentence says it. */
function percent(share: number): string {
  return share < 0.01 ? '<1' : String(Math.round(share * 100));
}

export type RegionProps = Props & { readonly controller: KeepPorts };

/** Under an edit kept to a part: how much the model changed outside it, and Keep everything else exactly. */
export function Kept({ state, view, controller }: RegionProps) {
  const edited = state.thread.edited;
  const chosen = selectedVariant(edited);
  const region = edited?.region;
  const id = chosen?.image.id;
  const [shares, setShares] = useState<Readonly<Record<string, number | string>>>({});
  useEffect(() => {
    if (!chosen || !region || id === undefined || shares[id] !== undefined) return;
    let live = true;
    const found = (value: number | string) => live && setShares((known) => ({ ...known, [id]: value }));
    outsideShare(view.current, chosen.image, region).then(found, (error: unknown) =>
      found(error instanceof Error ? error.message : String(error)),
    );
    return () => {
      live = false;
    };
  }, [id, chosen, region, shares, view.current]);
  if (!chosen || !region || id === undefined) return null;
  const share = shares[id];
  if (share === undefined) return <p class="hint">{t('comparing')}</p>;
  if (typeof share === 'string') return <p class="warning">{share}</p>;
  if (share === 0) return <p class="hint region-outside">{t('restAsItWas')}</p>;
  return (
    <div class="region-kept">
      <p class="region-outside">{t('changedOutside', { n: percent(share) })}</p>
      <button
        type="button"
        class="button tonal"
        disabled={busyWith(state)}
        onClick={() => void keepEverythingElse(controller)}
      >
        {t('keepRest')}
      </button>
      <p class="hint">{t('keepRestHint')}</p>
    </div>
  );
}
