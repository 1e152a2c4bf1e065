/**
 * The emulated Docs editor: one page with its margins, header, body, footnotes and footer. A click places the
 * cursor, a drag selects a range, a click on an inline image selects it; each is posted as a DocSelection and
 * becomes what `Document.getCursor()` / `getSelection()` return. The page draws the cursor and the range from
 * the state, so what is shown is what the server has.
 */
import type { ComponentChildren, RefObject } from 'preact';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { BlockState, DocPoint, DocSection, DocSelection, DocumentState } from '../../runtime/model';
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

function sectionBlocks(doc: DocumentState, section: DocSection): BlockState[] {
  return { body: doc.body, header: doc.header, footer: doc.footer, footnote: doc.footnotes }[section];
}

/** Where, in one block, the cursor is and which part the selected range covers. */
interface Marks {
  readonly caret: number | null;
  readonly from: number | null;
  readonly to: number | null;
}

function marksFor(doc: DocumentState, section: DocSection, blocks: BlockState[], index: number): Marks {
  const block = blocks[index];
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
}

/**
 * The block's children as spans. Text is cut where the caret and the range ends fall, so the highlight is
 * exact; the caret is an empty element, images are marked data-atom, so `offsetIn` counts like Docs does.
 */
function BlockContent({ block, marks, zoom, selectedImage, emulatorIds }: BlockProps) {
  const parts: ComponentChildren[] = [];
  const inRange = (at: number) => marks.from !== null && marks.to !== null && at >= marks.from && at < marks.to;
  const caret = (key: string) => <span key={key} class="caret" aria-hidden="true" />;
  let pos = 0;
  block.children.forEach((child, ci) => {
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
          {fromEmulator && (
            <span class="badge badge-emulator" aria-hidden="true">
              Emulator image
            </span>
          )}
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

function Blocks({ doc, section, zoom, emulatorIds }: SectionProps) {
  const blocks = sectionBlocks(doc, section);
  const out: ComponentChildren[] = [];
  let list: ComponentChildren[] = [];
  const flush = () => {
    if (list.length) out.push(<ul key={`ul${out.length}`}>{list}</ul>);
    list = [];
  };
  blocks.forEach((block, index) => {
    const content = (
      <BlockContent
        block={block}
        marks={marksFor(doc, section, blocks, index)}
        zoom={zoom}
        selectedImage={doc.selection.imageId}
        emulatorIds={emulatorIds}
      />
    );
    const data = { 'data-block': block.id, 'data-section': section };
    // Floating images sit beside the text; they are no characters, so they carry no data-atom.
    const floating = block.positionedImages.map((image) => (
      <span
        key={image.id}
        class={`positioned-image${doc.selection.imageId === image.id ? ' selected' : ''}`}
        contentEditable={false}
      >
        <img
          data-image-id={image.id}
          src={imageSrc(image.image)}
          alt="Floating graphic (positioned: Peel cannot act on it)"
          width={image.width * IMAGE_PX_PER_UNIT * zoom}
          height={image.height * IMAGE_PX_PER_UNIT * zoom}
          draggable={false}
        />
        {emulatorIds.has(image.id) && (
          <span class="badge badge-emulator" aria-hidden="true">
            Emulator image
          </span>
        )}
      </span>
    ));
    if (block.kind === 'listItem') {
      list.push(
        <li key={block.id} {...data} {...align(block)}>
          {floating}
          {content}
        </li>,
      );
      return;
    }
    flush();
    const { tag: Tag, cls } = headingTag(block.heading);
    out.push(
      <Tag key={block.id} class={cls} {...data} {...align(block)}>
        {floating}
        {content}
      </Tag>,
    );
  });
  flush();
  return <>{out}</>;
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
          const blocks = sectionBlocks(doc, section);
          if (section !== 'body' && blocks.length === 0) return null;
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
