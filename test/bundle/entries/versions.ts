/**
 * A test-only server entry: Peel's real entry plus probes that drive the versions adapter, built by the real
 * build into a temporary Code.js (never dist/). The probes go through `expose`, so errors arrive as the sidebar
 * would see them.
 */

import { string } from 'valibot';
import { driveVersionStore } from '../../../src/server/platform/drive';
import { expose } from '../../../src/server/rpc/boundary';

export * from '../../../src/server/rpc/index';

const META = {
  threadId: 't-probe',
  versionId: 'v-probe',
  at: Date.UTC(2026, 10, 30, 9, 5),
  documentName: 'Deck',
  label: 'The selected image on slide 1',
};

export const versionsProbePut = expose([string(), string()], (mimeType: string, base64: string) =>
  driveVersionStore().put({ mimeType, base64 }, META),
);
export const versionsProbeGet = expose([string()], (file: string) => driveVersionStore().get(file));
export const versionsProbeTrash = expose([string()], (file: string) => {
  driveVersionStore().trash(file);
  return null;
});
