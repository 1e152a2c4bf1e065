/**
 * The deck jobs' entries, drawn on the main view: the rest of the feature's views (the plan and the running
 * job) are in the sidebar's late part (app/parts.ts), loaded when a job is first shown.
 */
import type { JobKind } from '../../../src/shared/rpc';
import type { Dispatch } from '../../kernel/store';
import { t } from '../../kernel/words';
import type { SessionState } from '../session/state';
import type { JobActions } from './actions';
import type { JobAction, JobState } from './state';

export interface JobProps {
  readonly state: { readonly job: JobState; readonly session: Pick<SessionState, 'busy'> };
  readonly controller: { readonly job: JobActions; readonly dispatch: Dispatch<JobAction> };
}

/** Slides: the two whole-deck jobs, each opening its plan. */
export function DeckEntries({
  state,
  controller,
}: Pick<JobProps, 'controller'> & { state: Pick<JobState, 'planning'> }) {
  const planning = state.planning;
  return (
    <div class="row deck-entries">
      {(['illustrate', 'restyle'] as const).map((kind) => (
        <button
          key={kind}
          type="button"
          class="button outlined"
          disabled={planning !== null}
          onClick={() => void controller.job.plan(kind)}
        >
          {planning === kind ? t('planning') : jobTitle(kind)}
        </button>
      ))}
    </div>
  );
}

export function jobTitle(kind: JobKind): string {
  return t(kind === 'illustrate' ? 'illustrateDeck' : 'restyleDeck');
}
