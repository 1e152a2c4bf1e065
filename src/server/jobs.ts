/**
 * Deck jobs: illustrate every slide, restyle every picture (issue 13). CONTRACT STUB: the issue-13 server work
 * replaces every body here.
 */
import { PeelError } from '../core/errors';
import type { JobItemRequest, JobPlanRequest, ReviewRequest, StartJobRequest } from '../shared/requests';
import type { ImageCallOutcome, JobPlan, JobView } from '../shared/rpc';

const notBuilt = (): never => {
  throw new PeelError('INTERNAL', 'Not built yet');
};

export function planJob(_request: JobPlanRequest): JobPlan {
  return notBuilt();
}
export function startJob(_request: StartJobRequest): JobView {
  return notBuilt();
}
export function currentJob(): JobView | null {
  return notBuilt();
}
export function runItem(_request: JobItemRequest): ImageCallOutcome {
  return notBuilt();
}
export function review(_request: ReviewRequest): JobView {
  return notBuilt();
}
export function cancelJob(_jobId: string): JobView {
  return notBuilt();
}
