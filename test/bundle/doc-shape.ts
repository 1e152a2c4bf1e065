/** What the Docs bundle tests compare to say nothing moved: a document's structure without image bytes or ids. */
import { flowBlocks, sectionBlocks } from '../../dev/runtime/docs/flow';
import type { BlockState, DocumentState } from '../../dev/runtime/model';

/** Each block's id, its children's kinds and its words, in the body (tables cell by cell), header, footer, footnotes. */
export function documentShape(doc: DocumentState): unknown {
  const strip = (b: BlockState) => ({
    id: b.id,
    kinds: b.children.map((c) => c.kind),
    text: b.children.map((c) => (c.kind === 'text' ? c.text : '')).join(''),
  });
  return {
    body: doc.body.map((item) =>
      item.kind === 'table'
        ? { table: item.rows.map((r) => r.cells.map((c) => flowBlocks(c.blocks).map(strip))) }
        : strip(item),
    ),
    header: sectionBlocks(doc, 'header').map(strip),
    footer: sectionBlocks(doc, 'footer').map(strip),
    footnotes: doc.footnotes.map(strip),
  };
}
