/**
 * Every function the sidebar may call. The sidebar's client is typed from this module (`import type`), so
 * signatures here name only types from `src/shared/rpc.ts`.
 */
import { PeelError } from '../core/errors';
import type { SidebarContext } from '../shared/rpc';
import { expose } from './boundary';
import { detectHost } from './host';

export const getSidebarContext = expose((): SidebarContext => {
  const host = detectHost();
  if (!host) throw new PeelError('UNSUPPORTED_HOST', 'No Slides or Docs UI in this execution.');
  return { host, version: PEEL_VERSION };
});
