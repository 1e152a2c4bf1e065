import { DOCS_WIDTHS } from '../../../src/core/docs-width';
import type { DocsWidth } from '../../../src/shared/rpc';
import { Select } from '../../kernel/Select';
import { t } from '../../kernel/words';
import type { InsertActions } from './actions';

/** Docs: how wide new images are in this document (everyone inserting here gets the same). */
export function DocsWidthPicker({ width, insert }: { width: DocsWidth; insert: InsertActions }) {
  return (
    <div class="docs-width">
      <Select
        id="docs-width"
        label={t('imageWidth')}
        value={width}
        options={DOCS_WIDTHS.map(
          (w) => [w, t(w === 'full' ? 'widthFull' : w === 'half' ? 'widthHalf' : 'widthSmall')] as const,
        )}
        onChange={(w) => void insert.chooseDocsWidth(w as DocsWidth)}
      />
    </div>
  );
}
