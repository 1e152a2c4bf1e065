/**
 * The emulated Slides editor: a filmstrip, the current slide at scale, speaker notes. What a person selects
 * here is posted as a SlidesSelection and becomes what `Presentation.getSelection()` returns.
 */

import type { CSSProperties, HTMLAttributes, RefObject } from 'preact';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type {
  DeckState,
  ImageCrop,
  PageElementState,
  ShapeElement,
  SlideState,
  SlidesSelection,
} from '../../runtime/model';
import { imageSrc, offsetIn } from './api';

interface Props {
  readonly deck: DeckState;
  readonly emulatorIds: ReadonlySet<string>;
  readonly onSelect: (selection: SlidesSelection) => void;
}

const THUMB_WIDTH = 148;

/** Default text sizes of Google's Simple Light theme, in points, by placeholder type. */
function fontSize(shape: ShapeElement): number {
  switch (shape.placeholder) {
    case 'CENTERED_TITLE':
      return 40;
    case 'TITLE':
      return 28;
    case 'SUBTITLE':
      return 20;
    case 'BODY':
    case 'OBJECT':
      return 16;
    default:
      return 14;
  }
}

function humanize(name: string): string {
  const words = name.toLowerCase().replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The accessible name a person would use: what the element is, then what it shows. */
function describe(element: PageElementState, fromEmulator: boolean): string {
  if (element.kind === 'image') {
    const what = element.placeholder === 'NONE' ? 'Image' : `${humanize(element.placeholder)} placeholder image`;
    const name = element.title || element.description || element.objectId;
    return `${what}${fromEmulator ? ' from the emulator' : ''}: ${name}`;
  }
  const what =
    element.placeholder === 'NONE' ? humanize(element.shapeType) : `${humanize(element.placeholder)} placeholder`;
  return `${what}: ${element.text.trim() ? element.text.replace(/\s+/g, ' ').trim() : 'empty'}`;
}

function hint(shape: ShapeElement): string {
  switch (shape.placeholder) {
    case 'TITLE':
    case 'CENTERED_TITLE':
      return 'Click to add title';
    case 'SUBTITLE':
      return 'Click to add subtitle';
    case 'PICTURE':
    case 'SLIDE_IMAGE':
      return 'Picture placeholder';
    default:
      return 'Click to add text';
  }
}

/** The text of a shape, with the selected part highlighted as a span (offsets match the model's). */
function ShapeText({ text, start, end }: { text: string; start: number; end: number }) {
  if (start >= end) return <>{text}</>;
  return (
    <>
      {text.slice(0, start)}
      <span class="text-selected">{text.slice(start, end)}</span>
      {text.slice(end)}
    </>
  );
}

interface ElementProps {
  readonly element: PageElementState;
  readonly scale: number;
  readonly selected: boolean;
  readonly textRange: { start: number; end: number } | null;
  readonly fromEmulator: boolean;
  /** Thumbnails draw the same elements without any interaction. */
  readonly interactive: boolean;
  readonly onPick?: (element: PageElementState, event: MouseEvent | KeyboardEvent, text: HTMLElement | null) => void;
}

function ElementView({ element, scale, selected, textRange, fromEmulator, interactive, onPick }: ElementProps) {
  const textRef = useRef<HTMLDivElement>(null);
  const style: CSSProperties = {
    left: `${element.left * scale}px`,
    top: `${element.top * scale}px`,
    width: `${element.width * scale}px`,
    height: `${element.height * scale}px`,
  };
  const placeholder = element.placeholder !== 'NONE';
  const classes = ['element', `element-${element.kind}`, placeholder ? 'placeholder' : '', selected ? 'selected' : '']
    .filter(Boolean)
    .join(' ');
  const handlers: HTMLAttributes<HTMLDivElement> = interactive
    ? {
        role: 'button',
        tabIndex: 0,
        'aria-pressed': selected,
        'aria-label': describe(element, fromEmulator),
        // Shift-click adds to the selection; without this the browser would extend a text selection instead.
        onMouseDown: (event: MouseEvent) => {
          if (event.shiftKey) event.preventDefault();
        },
        onClick: (event: MouseEvent) => {
          event.stopPropagation();
          onPick?.(element, event, textRef.current);
        },
        onKeyDown: (event: KeyboardEvent) => {
          if (event.key !== 'Enter' && event.key !== ' ') return;
          event.preventDefault();
          onPick?.(element, event, null);
        },
      }
    : {};
  if (element.kind === 'image') {
    return (
      <div class={classes} style={style} {...handlers}>
        <span class="image-clip">
          <img src={imageSrc(element.image)} alt="" draggable={false} style={cropStyle(element.crop)} />
        </span>
        {fromEmulator && interactive && <span class="badge badge-emulator">Emulator image</span>}
        {placeholder && interactive && <span class="placeholder-type">{element.placeholder}</span>}
        {selected && <Handles />}
      </div>
    );
  }
  const size = fontSize(element);
  const empty = element.text.length === 0;
  return (
    <div
      class={`${classes} align-${element.placeholder.includes('TITLE') ? 'middle' : 'top'}`}
      style={style}
      {...handlers}
    >
      {empty && placeholder && interactive && (
        <span class="placeholder-hint" style={{ fontSize: `${size * scale}px` }} aria-hidden="true">
          {hint(element)}
        </span>
      )}
      <div class="shape-text" ref={textRef} style={{ fontSize: `${size * scale}px` }}>
        <ShapeText text={element.text} start={textRange?.start ?? 0} end={textRange?.end ?? 0} />
      </div>
      {placeholder && interactive && (
        <span class="placeholder-type" aria-hidden="true">
          {element.placeholder}
        </span>
      )}
      {selected && <Handles />}
    </div>
  );
}

/** What is left after the crop fills the box: the image is scaled up and shifted, the box clips it. */
function cropStyle(crop: ImageCrop | undefined): CSSProperties | undefined {
  if (!crop) return undefined;
  const keptX = Math.max(0.01, 1 - crop.left - crop.right);
  const keptY = Math.max(0.01, 1 - crop.top - crop.bottom);
  return {
    position: 'absolute',
    width: `${100 / keptX}%`,
    height: `${100 / keptY}%`,
    left: `${(-crop.left / keptX) * 100}%`,
    top: `${(-crop.top / keptY) * 100}%`,
  };
}

function Handles() {
  return (
    <span class="handles" aria-hidden="true">
      <span class="h nw" />
      <span class="h ne" />
      <span class="h sw" />
      <span class="h se" />
    </span>
  );
}

interface SlideProps {
  readonly deck: DeckState;
  readonly slide: SlideState;
  readonly scale: number;
  readonly emulatorIds: ReadonlySet<string>;
  readonly interactive: boolean;
  readonly onSelect?: (selection: SlidesSelection) => void;
}

function SlideView({ deck, slide, scale, emulatorIds, interactive, onSelect }: SlideProps) {
  const selection = interactive && deck.selection.pageId === slide.objectId ? deck.selection : null;
  const pick = (element: PageElementState, event: MouseEvent | KeyboardEvent, text: HTMLElement | null) => {
    if (!onSelect) return;
    const dom = window.getSelection();
    // A drag (or double-click) inside one shape's text selects text: Selection type TEXT in Apps Script.
    if (element.kind === 'shape' && text && dom && !dom.isCollapsed && dom.anchorNode && dom.focusNode) {
      if (text.contains(dom.anchorNode) && text.contains(dom.focusNode)) {
        const a = offsetIn(text, dom.anchorNode, dom.anchorOffset);
        const b = offsetIn(text, dom.focusNode, dom.focusOffset);
        dom.removeAllRanges();
        if (a !== b) {
          onSelect({
            pageId: slide.objectId,
            elementIds: [element.objectId],
            text: { elementId: element.objectId, start: Math.min(a, b), end: Math.max(a, b) },
          });
          return;
        }
      }
    }
    const current = selection?.elementIds ?? [];
    let ids: string[];
    if (event.shiftKey) {
      ids = current.includes(element.objectId)
        ? current.filter((id) => id !== element.objectId)
        : [...current, element.objectId];
    } else {
      ids = [element.objectId];
    }
    onSelect({ pageId: slide.objectId, elementIds: ids, text: null });
  };
  const clear = () => onSelect?.({ pageId: slide.objectId, elementIds: [], text: null });
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: a click on the empty slide deselects, as in Slides; the keyboard way is Escape on a focused element, handled here as it bubbles.
    <div
      class="slide"
      style={{
        width: `${deck.pageWidth * scale}px`,
        height: `${deck.pageHeight * scale}px`,
        ...(slide.background ? { background: slide.background } : {}),
        // Slides stretches a background picture to the page (StretchedPictureFill).
        ...(slide.backgroundImage
          ? { backgroundImage: `url(${imageSrc(slide.backgroundImage)})`, backgroundSize: '100% 100%' }
          : {}),
      }}
      onClick={
        interactive && onSelect
          ? (event: MouseEvent) => {
              if (window.getSelection()?.isCollapsed === false) return;
              if (event.target === event.currentTarget) clear();
            }
          : undefined
      }
      onKeyDown={
        interactive && onSelect
          ? (event: KeyboardEvent) => {
              if (event.key === 'Escape') clear();
            }
          : undefined
      }
    >
      {slide.elements.map((element) => (
        <ElementView
          key={element.objectId}
          element={element}
          scale={scale}
          selected={selection?.elementIds.includes(element.objectId) ?? false}
          textRange={selection?.text?.elementId === element.objectId ? selection.text : null}
          fromEmulator={emulatorIds.has(element.objectId)}
          interactive={interactive}
          onPick={pick}
        />
      ))}
    </div>
  );
}

/** The slide scales to the space it has, as Slides' "Fit" zoom does. */
function useFit(deck: DeckState): [RefObject<HTMLDivElement | null>, number] {
  const ref = useRef<HTMLDivElement>(null);
  const [scale, setScale] = useState(1);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => {
      const width = el.clientWidth - 64;
      const height = el.clientHeight - 48;
      setScale(Math.max(0.2, Math.min(width / deck.pageWidth, height / deck.pageHeight)));
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [deck.pageWidth, deck.pageHeight]);
  return [ref, scale];
}

export function SlidesEditor({ deck, emulatorIds, onSelect }: Props) {
  const [stageRef, scale] = useFit(deck);
  const current = deck.slides.find((s) => s.objectId === deck.selection.pageId) ?? null;
  const thumbScale = THUMB_WIDTH / deck.pageWidth;
  const pages = deck.selection.pageIds ?? [];
  // A click in the filmstrip selects the slide itself (SelectionType.PAGE); shift-click adds or removes one.
  const pickPage = (id: string, add: boolean): SlidesSelection => {
    const picked = add ? (pages.includes(id) ? pages.filter((p) => p !== id) : [...pages, id]) : [id];
    const pageId = picked.includes(id) ? id : (picked[picked.length - 1] ?? id);
    return { pageId, elementIds: [], text: null, pageIds: picked.length > 0 ? picked : [id] };
  };
  return (
    <div class="slides-editor">
      <nav class="filmstrip" aria-label="Slides">
        <ol>
          {deck.slides.map((slide, i) => (
            <li key={slide.objectId}>
              <span class="thumb-number" aria-hidden="true">
                {i + 1}
              </span>
              <button
                type="button"
                class={`thumb${pages.includes(slide.objectId) ? ' picked' : ''}`}
                aria-label={`Slide ${i + 1}`}
                aria-current={slide === current ? 'true' : undefined}
                aria-pressed={pages.includes(slide.objectId)}
                onClick={(event: MouseEvent) => onSelect(pickPage(slide.objectId, event.shiftKey))}
              >
                <span aria-hidden="true">
                  <SlideView
                    deck={deck}
                    slide={slide}
                    scale={thumbScale}
                    emulatorIds={emulatorIds}
                    interactive={false}
                  />
                </span>
              </button>
            </li>
          ))}
        </ol>
      </nav>
      <div class="slides-main">
        <div class="stage" ref={stageRef}>
          {current ? (
            <section aria-label={`Slide ${deck.slides.indexOf(current) + 1} of ${deck.slides.length}`}>
              <SlideView
                deck={deck}
                slide={current}
                scale={scale}
                emulatorIds={emulatorIds}
                interactive={true}
                onSelect={onSelect}
              />
            </section>
          ) : (
            <p class="empty">No slide is open. Pick one in the filmstrip.</p>
          )}
        </div>
        <section class="notes" aria-label="Speaker notes">
          {current?.speakerNotes ? <p>{current.speakerNotes}</p> : <p class="muted">Click to add speaker notes</p>}
        </section>
      </div>
    </div>
  );
}
