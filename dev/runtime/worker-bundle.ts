/** The execution worker's bundle (see ../support/worker-bundle.ts). */
import { workerBundle } from '../support/worker-bundle';

export const workerSource = workerBundle(new URL('./worker.ts', import.meta.url));
