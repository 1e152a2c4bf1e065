/**
 * The emulated Docs editor: one page with its margins, header, body (tables, rules and page breaks among its
 * paragraphs), footnotes and footer. A click places the cursor (in a table cell, the header or a footnote too),
 * a drag selects a range, a click on an inline image selects it; each is posted as a DocSelection and
 * becomes what `Document.getCursor()` / `getSelection()` return. The page draws the cursor and the range from
 * the state, so what is shown is what the server has.
 */
import type { ComponentChildren, RefObject } from 'preact';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { sectionBlocks, sectionFlow } from '../../runtime/docs/flow';
import type {
  BlockState,
  DocPoint,
  DocSection,
  DocSelection,
  DocumentState,
  FlowState,
  PositionedImageState,
  TableState,
} from '../../runtime/model';
import { caretAt, imageSrc, offsetIn } from './api';

interface Props {
  readonly doc: DocumentState;
  readonly emulatorIds: ReadonlySet<string>;
  readonly onSelect: (selection: DocSelection) => void;
}

/** Screen pixels per point at 100 %: Docs draws a 612-point US Letter page 816 pixels wide. */
const PX_PER_PT = 4 / 3;
/**
 * Apps Script documents image sizes in "pixels" but pages in points, yet the editor fills the text column with
 * `setWidth(pageWidth - margins)` (public practice; src/core/geometry.ts DOCS_IMAGE_UNITS_PER_POINT), so image
 * units are drawn on the page's point scale.
 */
const IMAGE_PX_PER_UNIT = PX_PER_PT;

const SECTION_LABEL: Record<DocSection, string> = {
  header: 'Header',
  body: 'Body',
  footnote: 'Footnotes',
  footer: 'Footer',
};

/** Where, in one block, the cursor is and which part the selected range covers. */
interface Marks {
  readonly caret: number | null;
  readonly from: number | null;
  readonly to: number | null;
}

/** `blocks` are the section's blocks in reading order, those in table cells included. */
function marksFor(doc: DocumentState, section: DocSection, blocks: BlockState[], block: BlockState): Marks {
  const index = blocks.indexOf(block);
  const { cursor, range } = doc.selection;
  const here = (p: DocPoint | null | undefined) => p?.section === section && p.blockId === block?.id;
  const caret = cursor && here(cursor) ? cursor.offset : null;
  if (!range || range.start.section !== section) return { caret, from: null, to: null };
  const first = blocks.findIndex((b) => b.id === range.start.blockId);
  const last = blocks.findIndex((b) => b.id === range.end.blockId);
  if (first < 0 || last < 0 || index < first || index > last) return { caret, from: null, to: null };
  return {
    caret,
    from: index === first ? range.start.offset : 0,
    to: index === last ? range.end.offset : Number.POSITIVE_INFINITY,
  };
}

interface BlockProps {
  readonly block: BlockState;
  readonly marks: Marks;
  readonly zoom: number;
  readonly selectedImage: string | null;
  readonly emulatorIds: ReadonlySet<string>;
  /** Footnote ids in order, to number the reference marks. */
  readonly footnotes: readonly string[];
}

/**
 * The block's children as spans. Text is cut where the caret and the range ends fall, so the highlight is
 * exact; the caret is an empty element, images are marked data-atom, so `offsetIn` counts like Docs does.
 */
function BlockContent({ block, marks, zoom, selectedImage, emulatorIds, footnotes }: BlockProps) {
  const parts: ComponentChildren[] = [];
  const inRange = (at: number) => marks.from !== null && marks.to !== null && at >= marks.from && at < marks.to;
  const caret = (key: string) => <span key={key} class="caret" aria-hidden="true" />;
  let pos = 0;
  block.children.forEach((child, ci) => {
    if (child.kind !== 'text' && child.kind !== 'image') {
      // One position each, drawn by CSS from data attributes so they add no characters to the count.
      if (marks.caret === pos) parts.push(caret(`c${ci}`));
      const sel = inRange(pos) ? ' sel' : '';
      if (child.kind === 'footnote') {
        const n = footnotes.indexOf(child.footnoteId) + 1;
        parts.push(
          <sup key={`f${ci}`} class={`footnote-ref${sel}`} data-atom="" data-n={String(n)} title={`Footnote ${n}`} />,
        );
      } else if (child.kind === 'horizontalRule') {
        parts.push(<hr key={`r${ci}`} class={`horizontal-rule${sel}`} data-atom="" />);
      } else {
        parts.push(<hr key={`p${ci}`} class={`page-break${sel}`} data-atom="" aria-label="Page break" />);
      }
      pos += 1;
      return;
    }
    if (child.kind === 'image') {
      if (marks.caret === pos) parts.push(caret(`c${ci}`));
      const fromEmulator = emulatorIds.has(child.id);
      parts.push(
        <span
          key={`i${ci}`}
          class={`inline-image${selectedImage === child.id ? ' selected' : ''}${inRange(pos) ? ' sel' : ''}`}
        >
          <img
            data-atom=""
            data-image-id={child.id}
            src={imageSrc(child.image)}
            alt={child.altTitle || child.altDescription || 'Inline image'}
            title={fromEmulator ? 'Made by the Gemini emulator' : undefined}
            width={child.width * IMAGE_PX_PER_UNIT * zoom}
            height={child.height * IMAGE_PX_PER_UNIT * zoom}
            draggable={false}
          />
          {fromEmulator && <EmulatorBadge />}
        </span>,
      );
      pos += 1;
      return;
    }
    const cuts = [marks.caret, marks.from, marks.to]
      .filter((c): c is number => c !== null && c > pos && c < pos + child.text.length)
      .sort((a, b) => a - b);
    let at = pos;
    for (const cut of [...cuts, pos + child.text.length]) {
      if (marks.caret === at && at < cut) parts.push(caret(`c${ci}-${at}`));
      if (cut > at) {
        parts.push(
          <span key={`t${ci}-${at}`} class={inRange(at) ? 'sel' : undefined}>
            {child.text.slice(at - pos, cut - pos)}
          </span>,
        );
      }
      at = cut;
    }
    pos += child.text.length;
  });
  if (marks.caret !== null && marks.caret >= pos) parts.push(caret('end'));
  // An empty paragraph still takes a line, and a <br> adds no characters to the count.
  if (pos === 0) parts.push(<br key="br" />);
  return <>{parts}</>;
}

function EmulatorBadge() {
  return (
    <span class="badge badge-emulator" aria-hidden="true">
      Emulator image
    </span>
  );
}

function headingTag(heading: string): { tag: 'h1' | 'h2' | 'h3' | 'h4' | 'h5' | 'h6' | 'p'; cls: string } {
  if (heading === 'TITLE') return { tag: 'h1', cls: 'title' };
  if (heading === 'SUBTITLE') return { tag: 'p', cls: 'subtitle' };
  const level = /^HEADING([1-6])$/.exec(heading)?.[1];
  if (level) return { tag: `h${level}` as 'h1', cls: `heading${level}` };
  return { tag: 'p', cls: 'normal' };
}

function align(block: BlockState): { style?: { textAlign: string } } {
  const value = { CENTER: 'center', RIGHT: 'right', JUSTIFY: 'justify' }[block.alignment ?? 'LEFT'];
  return value ? { style: { textAlign: value } } : {};
}

interface SectionProps {
  readonly doc: DocumentState;
  readonly section: DocSection;
  readonly zoom: number;
  readonly emulatorIds: ReadonlySet<string>;
}

function Floating({
  image,
  zoom,
  selected,
  fromEmulator,
}: {
  readonly image: PositionedImageState;
  readonly zoom: number;
  readonly selected: boolean;
  readonly fromEmulator: boolean;
}) {
  // Wrapped beside the text at its top offset; its left offset decides the side it floats to.
  const side = (image.left ?? 0) * PX_PER_PT < 200 ? 'left' : 'right';
  return (
    <span
      class={`positioned-image positioned-${side}${selected ? ' selected' : ''}`}
      contentEditable={false}
      style={{ marginTop: `${(image.top ?? 0) * PX_PER_PT * zoom}px` }}
      title={`Positioned image (${image.layout ?? 'WRAP_TEXT'}), ${image.left ?? 0} pt from the left, ${image.top ?? 0} pt down`}
    >
      <img
        data-image-id={image.id}
        src={imageSrc(image.image)}
        alt="Floating graphic (positioned: Peel cannot act on it)"
        width={image.width * IMAGE_PX_PER_UNIT * zoom}
        height={image.height * IMAGE_PX_PER_UNIT * zoom}
        draggable={false}
      />
      {fromEmulator && <EmulatorBadge />}
    </span>
  );
}

interface FlowProps extends SectionProps {
  readonly flow: readonly FlowState[];
  /** The section's blocks in reading order, for the selection's marks. */
  readonly blocks: BlockState[];
}

function Table({ table, ...props }: Omit<FlowProps, 'flow'> & { readonly table: TableState }) {
  return (
    <table class="doc-table" data-table={table.id}>
      <tbody>
        {table.rows.map((row) => (
          <tr key={row.id}>
            {row.cells.map((cell) => (
              <td key={cell.id} style={cell.background ? { background: cell.background } : undefined}>
                <Flow {...props} flow={cell.blocks} />
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Flow({ flow, blocks, ...props }: FlowProps) {
  const { doc, section, zoom, emulatorIds } = props;
  const footnotes = doc.footnotes.map((f) => f.id);
  const out: ComponentChildren[] = [];
  let list: ComponentChildren[] = [];
  let numbered = false;
  const flush = () => {
    if (list.length)
      out.push(numbered ? <ol key={`ol${out.length}`}>{list}</ol> : <ul key={`ul${out.length}`}>{list}</ul>);
    list = [];
  };
  for (const item of flow) {
    if (item.kind === 'table') {
      flush();
      out.push(<Table key={item.id} {...props} blocks={blocks} table={item} />);
      continue;
    }
    const block = item;
    const content = (
      <BlockContent
        block={block}
        marks={marksFor(doc, section, blocks, block)}
        zoom={zoom}
        selectedImage={doc.selection.imageId}
        emulatorIds={emulatorIds}
        footnotes={footnotes}
      />
    );
    const data = { 'data-block': block.id, 'data-section': section };
    // Floating images sit beside the text; they are no characters, so they carry no data-atom.
    const floating = block.positionedImages.map((image) => (
      <Floating
        key={image.id}
        image={image}
        zoom={zoom}
        selected={doc.selection.imageId === image.id}
        fromEmulator={emulatorIds.has(image.id)}
      />
    ));
    if (block.kind === 'listItem') {
      const isNumbered = block.glyph === 'NUMBER';
      if (list.length && isNumbered !== numbered) flush();
      numbered = isNumbered;
      list.push(
        <li key={block.id} {...data} {...align(block)}>
          {floating}
          {content}
        </li>,
      );
      continue;
    }
    flush();
    const { tag: Tag, cls } = headingTag(block.heading);
    out.push(
      <Tag key={block.id} class={cls} {...data} {...align(block)}>
        {floating}
        {content}
      </Tag>,
    );
  }
  flush();
  return <>{out}</>;
}

function Blocks(props: SectionProps) {
  return (
    <Flow {...props} flow={sectionFlow(props.doc, props.section)} blocks={sectionBlocks(props.doc, props.section)} />
  );
}

/** The page zooms down to fit narrow windows, as Docs' "Fit" does; never above 100 %. */
function useZoom(doc: DocumentState): [RefObject<HTMLDivElement | null>, number] {
  const ref = useRef<HTMLDivElement>(null);
  const [zoom, setZoom] = useState(1);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => setZoom(Math.max(0.3, Math.min(1, (el.clientWidth - 48) / (doc.pageWidth * PX_PER_PT))));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [doc.pageWidth]);
  return [ref, zoom];
}

function pointAt(node: Node, offset: number): DocPoint | null {
  const element = node instanceof Element ? node : node.parentElement;
  const block = element?.closest<HTMLElement>('[data-block]');
  const section = block?.dataset.section as DocSection | undefined;
  if (!block || !section || !block.dataset.block) return null;
  return { section, blockId: block.dataset.block, offset: offsetIn(block, node, offset) };
}

export function DocsEditor({ doc, emulatorIds, onSelect }: Props) {
  const [scrollerRef, zoom] = useZoom(doc);
  const pt = PX_PER_PT * zoom;
  const onMouseUp = (event: MouseEvent) => {
    if (event.button !== 0) return;
    const image = (event.target as Element).closest<HTMLElement>('img[data-image-id]');
    if (image?.dataset.imageId) {
      onSelect({ cursor: null, range: null, imageId: image.dataset.imageId });
      return;
    }
    const dom = window.getSelection();
    if (dom && !dom.isCollapsed && dom.anchorNode && dom.focusNode) {
      const a = pointAt(dom.anchorNode, dom.anchorOffset);
      const b = pointAt(dom.focusNode, dom.focusOffset);
      dom.removeAllRanges();
      // Docs keeps a selection inside one section (body, header, …): a drag across sections is dropped.
      if (a && b && a.section === b.section) {
        // A drag may go backwards; the range is stored in document order.
        const blocks = sectionBlocks(doc, a.section);
        const ia = blocks.findIndex((x) => x.id === a.blockId);
        const ib = blocks.findIndex((x) => x.id === b.blockId);
        const aFirst = ia === ib ? a.offset <= b.offset : ia < ib;
        const [start, end] = aFirst ? [a, b] : [b, a];
        if (start.blockId !== end.blockId || start.offset !== end.offset) {
          // With a range there is no cursor: Document.getCursor() returns null while text is selected.
          onSelect({ cursor: null, range: { start, end }, imageId: null });
          return;
        }
      }
    }
    const caret = caretAt(event.clientX, event.clientY);
    const point = caret ? pointAt(caret.node, caret.offset) : null;
    dom?.removeAllRanges();
    if (point) onSelect({ cursor: point, range: null, imageId: null });
  };
  return (
    <div class="docs-editor" ref={scrollerRef}>
      <article
        class="doc-page"
        aria-label={doc.name}
        onMouseUp={onMouseUp}
        style={{
          '--pt': `${pt}px`,
          width: `${doc.pageWidth * pt}px`,
          minHeight: `${doc.pageHeight * pt}px`,
          padding: `${doc.marginTop * pt}px ${doc.marginRight * pt}px ${doc.marginBottom * pt}px ${doc.marginLeft * pt}px`,
        }}
      >
        {(['header', 'body', 'footnote', 'footer'] as const).map((section) => {
          if (section !== 'body' && sectionFlow(doc, section).length === 0) return null;
          const style =
            section === 'header'
              ? { top: `${36 * pt}px`, left: `${doc.marginLeft * pt}px`, right: `${doc.marginRight * pt}px` }
              : section === 'footer'
                ? { bottom: `${36 * pt}px`, left: `${doc.marginLeft * pt}px`, right: `${doc.marginRight * pt}px` }
                : undefined;
          return (
            <section
              key={section}
              class={`doc-section doc-${section}`}
              aria-label={SECTION_LABEL[section]}
              style={style}
            >
              <Blocks doc={doc} section={section} zoom={zoom} emulatorIds={emulatorIds} />
            </section>
          );
        })}
      </article>
    </div>
  );
}
