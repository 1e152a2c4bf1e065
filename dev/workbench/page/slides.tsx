/**
 * The emulated Slides editor: a filmstrip, the current slide at scale, speaker notes. What a person selects
 * here is posted as a SlidesSelection and becomes what `Presentation.getSelection()` returns.
 */

import type { CSSProperties, HTMLAttributes, RefObject } from 'preact';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type {
  ChartElement,
  DeckState,
  GroupElement,
  ImageCrop,
  LineElement,
  PageElementState,
  ShapeElement,
  SlideState,
  SlidesSelection,
  TableCellAddress,
  TableElement,
} from '../../runtime/model';
import { headOf } from '../../runtime/slides/merges';
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

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

/** The accessible name a person would use: what the element is, then what it shows. */
function describe(element: PageElementState, fromEmulator: boolean): string {
  switch (element.kind) {
    case 'image': {
      const what = element.placeholder === 'NONE' ? 'Image' : `${humanize(element.placeholder)} placeholder image`;
      const name = element.title || element.description || element.objectId;
      return `${what}${fromEmulator ? ' from the emulator' : ''}: ${name}`;
    }
    case 'shape': {
      const what =
        element.placeholder === 'NONE' ? humanize(element.shapeType) : `${humanize(element.placeholder)} placeholder`;
      return `${what}: ${element.text.trim() ? oneLine(element.text) : 'empty'}`;
    }
    case 'table':
      return `Table: ${element.title || `${element.rows.length} rows`}`;
    case 'group':
      return `Group of ${element.children.length}: ${element.children.map((c) => describe(c, false)).join('; ')}`;
    case 'line':
      return `Line${element.endArrow || element.startArrow ? ' with an arrow' : ''}`;
    case 'chart':
      return `Chart: ${element.title || element.objectId}`;
    case 'video':
      return `Video: ${element.title || element.videoId}`;
    case 'wordArt':
      return `Word art: ${element.text}`;
  }
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

/** What a click on an element asks for: the element, or one cell of a table. */
export interface Pick {
  readonly element: PageElementState;
  /** The table cell clicked, when the click was in one. */
  readonly cell?: TableCellAddress;
  /** The text node the click was in, for a drag that selects text. */
  readonly text: HTMLElement | null;
}

interface ElementProps {
  readonly element: PageElementState;
  readonly scale: number;
  readonly selection: SlidesSelection | null;
  readonly emulatorIds: ReadonlySet<string>;
  /** Thumbnails draw the same elements without any interaction. */
  readonly interactive: boolean;
  readonly onPick?: (pick: Pick, event: MouseEvent | KeyboardEvent) => void;
}

/**
 * The element's box "when it has no rotation", turned and mirrored by CSS about its centre as Slides turns it
 * (getRotation is clockwise, as CSS's rotate is).
 */
function boxStyle(element: PageElementState, scale: number): CSSProperties {
  const turns: string[] = [];
  if (element.rotation) turns.push(`rotate(${element.rotation}deg)`);
  if (element.flipH || element.flipV) turns.push(`scale(${element.flipH ? -1 : 1}, ${element.flipV ? -1 : 1})`);
  return {
    left: `${element.left * scale}px`,
    top: `${element.top * scale}px`,
    width: `${element.width * scale}px`,
    height: `${element.height * scale}px`,
    ...(turns.length > 0 ? { transform: turns.join(' ') } : {}),
  };
}

function ElementView(props: ElementProps) {
  const { element, scale, selection, emulatorIds, interactive, onPick } = props;
  const textRef = useRef<HTMLDivElement>(null);
  const selected = selection?.elementIds.includes(element.objectId) ?? false;
  const fromEmulator = emulatorIds.has(element.objectId);
  if (element.kind === 'group') return <GroupView {...props} element={element} />;
  const style = boxStyle(element, scale);
  const placeholder = 'placeholder' in element && element.placeholder !== 'NONE';
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
          onPick?.({ element, text: textRef.current }, event);
        },
        onKeyDown: (event: KeyboardEvent) => {
          if (event.key !== 'Enter' && event.key !== ' ') return;
          event.preventDefault();
          onPick?.({ element, text: null }, event);
        },
      }
    : {};
  switch (element.kind) {
    case 'image':
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
    case 'table':
      return (
        <div class={classes} style={style} {...handlers}>
          <TableGrid {...props} element={element} />
          {selected && <Handles />}
        </div>
      );
    case 'line':
      return (
        <div class={classes} style={style} {...handlers}>
          <LineDrawing line={element} scale={scale} />
          {selected && <Handles />}
        </div>
      );
    case 'chart':
      return (
        <div class={classes} style={style} {...handlers}>
          <ChartPicture chart={element} />
          {selected && <Handles />}
        </div>
      );
    case 'video':
      return (
        <div class={classes} style={style} {...handlers}>
          <span class="video-play" aria-hidden="true" />
          <span class="video-label" style={{ fontSize: `${11 * scale}px` }}>
            {element.source === 'YOUTUBE' ? 'YouTube' : 'Drive'} video · {element.title || element.videoId}
          </span>
          {selected && <Handles />}
        </div>
      );
    case 'wordArt':
      return (
        <div class={classes} style={style} {...handlers}>
          <span class="word-art" style={{ fontSize: `${element.height * 0.8 * scale}px`, color: element.color }}>
            {element.text}
          </span>
          {selected && <Handles />}
        </div>
      );
    case 'shape':
      break;
  }
  const size = fontSize(element);
  const empty = element.text.length === 0;
  const textRange = selection?.text?.elementId === element.objectId ? selection.text : null;
  const painted: CSSProperties = {
    ...style,
    ...(element.fill ? { background: element.fill, opacity: element.fillAlpha ?? 1 } : {}),
    ...(element.border ? { border: `${element.border.weight * scale}px solid ${element.border.color}` } : {}),
  };
  return (
    <div
      class={`${classes} align-${element.placeholder.includes('TITLE') ? 'middle' : 'top'}`}
      style={painted}
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

/**
 * A group: its frame where its members are, and the members drawn in page coordinates. As in Slides, a click on
 * a member selects the group; once the group (or one of its members) is selected, a click selects the member.
 */
function GroupView(props: ElementProps & { readonly element: GroupElement }) {
  const { element, scale, selection, interactive, onPick } = props;
  const ids = selection?.elementIds ?? [];
  const selected = ids.includes(element.objectId);
  const entered = selected || element.children.some((c) => ids.includes(c.objectId));
  const pickMember: ElementProps['onPick'] = (pick, event) => onPick?.(entered ? pick : { element, text: null }, event);
  return (
    <>
      <div
        class={`element element-group${selected ? ' selected' : ''}${entered ? ' entered' : ''}`}
        style={boxStyle(element, scale)}
        {...(interactive
          ? {
              role: 'button',
              tabIndex: 0,
              'aria-pressed': selected,
              'aria-label': describe(element, false),
              onClick: (event: MouseEvent) => {
                event.stopPropagation();
                onPick?.({ element, text: null }, event);
              },
              onKeyDown: (event: KeyboardEvent) => {
                if (event.key !== 'Enter' && event.key !== ' ') return;
                event.preventDefault();
                onPick?.({ element, text: null }, event);
              },
            }
          : {})}
      >
        {selected && <Handles />}
      </div>
      {element.children.map((child) => (
        <ElementView key={child.objectId} {...props} element={child} onPick={pickMember} />
      ))}
    </>
  );
}

/** A table's grid: rows and columns share its box; a merged head cell spans the cells it covers. */
function TableGrid(props: ElementProps & { readonly element: TableElement }) {
  const { element: table, scale, selection, interactive, onPick } = props;
  const columns = table.rows[0]?.length ?? 0;
  const picked = selection?.cells?.elementId === table.objectId ? selection.cells.cells : [];
  const text = selection?.text?.elementId === table.objectId ? selection.text : null;
  return (
    <div
      class="table-grid"
      style={{
        gridTemplateColumns: `repeat(${columns}, 1fr)`,
        gridTemplateRows: `repeat(${table.rows.length}, 1fr)`,
        fontSize: `${12 * scale}px`,
      }}
    >
      {table.rows.flatMap((row, r) =>
        row.map((cell, c) => {
          if (headOf(table, r, c)) return null;
          const isPicked = picked.some((p) => p.row === r && p.column === c);
          const inText = text?.cell?.row === r && text.cell.column === c;
          return (
            <TableCellView
              key={`${r}:${c}`}
              text={cell.text}
              row={r}
              column={c}
              span={{ rows: cell.rowSpan ?? 1, columns: cell.columnSpan ?? 1 }}
              picked={isPicked || inText}
              range={inText ? text : null}
              interactive={interactive}
              onPick={(cellText, event) =>
                onPick?.({ element: table, cell: { row: r, column: c }, text: cellText }, event)
              }
            />
          );
        }),
      )}
    </div>
  );
}

interface CellProps {
  readonly text: string;
  readonly row: number;
  readonly column: number;
  readonly span: { rows: number; columns: number };
  readonly picked: boolean;
  readonly range: { start: number; end: number } | null;
  readonly interactive: boolean;
  readonly onPick: (text: HTMLElement | null, event: MouseEvent | KeyboardEvent) => void;
}

function TableCellView({ text, row, column, span, picked, range, interactive, onPick }: CellProps) {
  const textRef = useRef<HTMLDivElement>(null);
  return (
    <div
      class={`table-cell${picked ? ' picked' : ''}${row === 0 ? ' header' : ''}`}
      style={{ gridRow: `${row + 1} / span ${span.rows}`, gridColumn: `${column + 1} / span ${span.columns}` }}
      {...(interactive
        ? {
            role: 'button',
            tabIndex: 0,
            'aria-pressed': picked,
            'aria-label': `Cell ${row + 1}, ${column + 1}: ${text || 'empty'}`,
            onMouseDown: (event: MouseEvent) => {
              if (event.shiftKey) event.preventDefault();
            },
            onClick: (event: MouseEvent) => {
              event.stopPropagation();
              onPick(textRef.current, event);
            },
            onKeyDown: (event: KeyboardEvent) => {
              if (event.key !== 'Enter' && event.key !== ' ') return;
              event.preventDefault();
              event.stopPropagation();
              onPick(null, event);
            },
          }
        : {})}
    >
      <div class="shape-text" ref={textRef}>
        <ShapeText text={text} start={range?.start ?? 0} end={range?.end ?? 0} />
      </div>
    </div>
  );
}

/** A line across its box, from the corner it starts at (a mirrored box's CSS flip moves the corner). */
function LineDrawing({ line, scale }: { line: LineElement; scale: number }) {
  const weight = Math.max(1, (line.weight ?? 1) * scale);
  const colour = line.color ?? '#1f2933';
  const id = `arrow-${line.objectId}`;
  return (
    <svg class="line-drawing" width="100%" height="100%" aria-hidden="true">
      <defs>
        <marker id={id} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="5" markerHeight="5" orient="auto">
          <path d="M0,0 L10,5 L0,10 z" fill={colour} />
        </marker>
      </defs>
      <line
        x1="0"
        y1="0"
        x2="100%"
        y2="100%"
        stroke={colour}
        stroke-width={weight}
        {...(line.endArrow && line.endArrow !== 'NONE' ? { 'marker-end': `url(#${id})` } : {})}
        {...(line.startArrow && line.startArrow !== 'NONE' ? { 'marker-start': `url(#${id})` } : {})}
      />
    </svg>
  );
}

/** A chart from Sheets, drawn as the picture Slides embeds: bars rising to its data. */
function ChartPicture({ chart }: { chart: ChartElement }) {
  const bars = chart.bars ?? [0.4, 0.6, 0.5, 0.8, 1];
  const gap = 0.25;
  const width = 1 / bars.length;
  return (
    <svg class="chart-picture" viewBox="0 0 100 100" preserveAspectRatio="none" aria-hidden="true">
      <rect x="0" y="0" width="100" height="100" fill="#fff" />
      <line x1="4" y1="94" x2="98" y2="94" stroke="#9aa0a6" stroke-width="0.6" />
      {bars.map((value, i) => (
        <rect
          key={i}
          x={4 + 94 * (i * width + (gap * width) / 2)}
          y={94 - 86 * value}
          width={94 * width * (1 - gap)}
          height={86 * value}
          fill="#29335c"
        />
      ))}
    </svg>
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
  const pick = ({ element, cell, text }: Pick, event: MouseEvent | KeyboardEvent) => {
    if (!onSelect) return;
    const dom = window.getSelection();
    // A drag (or double-click) inside one shape's or cell's text selects text: Selection type TEXT in Apps Script.
    const holdsText = element.kind === 'shape' || cell !== undefined;
    if (holdsText && text && dom && !dom.isCollapsed && dom.anchorNode && dom.focusNode) {
      if (text.contains(dom.anchorNode) && text.contains(dom.focusNode)) {
        const a = offsetIn(text, dom.anchorNode, dom.anchorOffset);
        const b = offsetIn(text, dom.focusNode, dom.focusOffset);
        dom.removeAllRanges();
        if (a !== b) {
          onSelect({
            pageId: slide.objectId,
            elementIds: [element.objectId],
            text: {
              elementId: element.objectId,
              start: Math.min(a, b),
              end: Math.max(a, b),
              ...(cell ? { cell } : {}),
            },
          });
          return;
        }
      }
    }
    if (cell) {
      // A click in a table selects that cell (TABLE_CELL); shift-click adds or removes cells of the same table.
      const current = selection?.cells?.elementId === element.objectId ? selection.cells.cells : [];
      const has = current.some((c) => c.row === cell.row && c.column === cell.column);
      const cells = event.shiftKey
        ? has
          ? current.filter((c) => c.row !== cell.row || c.column !== cell.column)
          : [...current, cell]
        : [cell];
      onSelect({
        pageId: slide.objectId,
        elementIds: [],
        text: null,
        ...(cells.length > 0 ? { cells: { elementId: element.objectId, cells } } : {}),
      });
      return;
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
          selection={selection}
          emulatorIds={emulatorIds}
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
