/**
 * The jobs' entries, drawn on the main view: the rest of the feature's views (the plan and the running job) are in
 * the sidebar's late part (app/parts.ts), loaded when a job is first shown. A deck's slides and a document's
 * sections go through the same job, each in its own words.
 */
import type { Host, JobKind } from '../../../src/shared/rpc';
import type { Dispatch } from '../../kernel/store';
import { t } from '../../kernel/words';
import type { SessionState } from '../session/state';
import type { JobActions } from './actions';
import type { JobAction, JobState } from './state';

export interface JobProps {
  readonly state: { readonly job: JobState; readonly session: Pick<SessionState, 'busy' | 'host'> };
  readonly controller: { readonly job: JobActions; readonly dispatch: Dispatch<JobAction> };
}

/**
 * Slides: the two whole-deck jobs, each opening its plan. Docs: illustrating the document's sections (its pictures
 * are restyled one at a time: they have no free area to draw a new one for).
 */
export function DeckEntries({
  state,
  host,
  controller,
}: Pick<JobProps, 'controller'> & { state: Pick<JobState, 'planning'>; host: Host }) {
  const planning = state.planning;
  const kinds: readonly JobKind[] = host === 'docs' ? ['illustrate'] : ['illustrate', 'restyle'];
  return (
    <div class="row deck-entries">
      {kinds.map((kind) => (
        <button
          key={kind}
          type="button"
          class="button outlined"
          disabled={planning !== null}
          onClick={() => void controller.job.plan(kind)}
        >
          {planning === kind ? t('planning') : jobTitle(kind, host)}
        </button>
      ))}
    </div>
  );
}

export function jobTitle(kind: JobKind, host: Host | null): string {
  if (host === 'docs') return t(kind === 'illustrate' ? 'illustrateDocument' : 'restyleDocument');
  return t(kind === 'illustrate' ? 'illustrateDeck' : 'restyleDeck');
}
