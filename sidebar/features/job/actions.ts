/**
 * The job's controller actions: plan, start, run (the pacer), review, cancel, and resume when the sidebar opens.
 * The job's state is the server's; every review answer replaces the view here.
 */
import type { JobKind, JobView, Wire } from '../../../src/shared/rpc';
import { busy, type SharedAction, said } from '../../kernel/actions';
import { totalAfter, totalAfterCharge } from '../../kernel/format';
import { createPacer, type Pacer } from '../../kernel/image-calls';
import { type ChoiceSources, choices } from '../../kernel/model-choice';
import { ServerError } from '../../kernel/rpc';
import type { Context } from '../../kernel/store';
import { t } from '../../kernel/words';
import type { SessionActions } from '../session/actions';
import type { SessionState } from '../session/state';
import { type JobAction, type JobState, jobWords, planSummary, progress, unfinished, waitingItems } from './state';

type Reads = ChoiceSources & { readonly session: SessionState; readonly job: JobState };

/** How often a resumed job is read again while another execution draws some of its items, and how long. */
const RESUME_POLL_MS = 3000;
const RESUME_POLLS = 160;

export function jobActions(
  { server, store, now, wait }: Context<Reads, JobAction | SharedAction>,
  { fail }: SessionActions,
) {
  const { dispatch, get } = store;
  let pacer: Pacer | null = null;
  let pacerJob: string | null = null;

  const liveJob = (id: string) => {
    const view = get().job.view;
    return view?.id === id && !view.cancelled;
  };

  async function plan(kind: JobKind): Promise<void> {
    const { model, size } = choices(get());
    if (!model || get().job.planning) return;
    dispatch({ type: 'jobPlanRequested', kind }, said({ error: null, notice: '' }));
    try {
      const planned = await server.planDeckJob({ kind, model: model.id, imageSize: size });
      dispatch(
        { type: 'jobPlanned', plan: planned },
        said({
          notice:
            planned.items.length > 0
              ? ''
              : t(jobWords(get().session.host).docs ? 'jobNothingDocs' : 'jobNothingSlides'),
        }),
      );
    } catch (error) {
      dispatch({ type: 'jobPlanFailed' });
      fail(error);
    }
  }

  async function start(): Promise<void> {
    const draft = get().job.draft;
    const { model, size } = choices(get());
    if (!draft || !model || get().session.busy) return;
    const items = draft.plan.items.flatMap((item, i) =>
      draft.chosen[i]
        ? [{ key: item.key, prompt: draft.prompts[i]?.trim() || item.prompt, aspectRatio: item.aspectRatio }]
        : [],
    );
    if (items.length === 0) return;
    dispatch(busy('job'));
    try {
      const view = await server.startDeckJob({
        kind: draft.plan.kind,
        model: model.id,
        imageSize: size,
        capUsd: draft.capUsd,
        items,
      });
      dispatch(
        { type: 'jobLoaded', view },
        said({ busy: null, notice: t('jobStarted', { what: planSummary(draft).words }) }),
      );
    } catch (error) {
      fail(error);
      return;
    }
    await runWaiting();
  }

  /** Draws every waiting item, paced; resolves when none is left running. */
  function runWaiting(): Promise<void> {
    const view = get().job.view;
    if (!view) return Promise.resolve();
    const indexes = waitingItems(view);
    if (indexes.length === 0) return pacer?.idle() ?? Promise.resolve();
    if (!pacer || pacerJob !== view.id) {
      const id = view.id;
      pacerJob = id;
      const mine = createPacer({
        call: (index, attempt) => server.runJobItem({ jobId: id, index, ...(attempt > 1 ? { attempt } : {}) }),
        now,
        wait,
        live: () => liveJob(id) && pacer === mine,
        on: {
          calling: (index) => dispatch({ type: 'jobItemCalling', index }),
          delivered: (index, delivered) =>
            dispatch(
              { type: 'jobItemDelivered', index, delivered },
              said({ documentCostUsd: totalAfter(get().session.documentCostUsd, delivered) }),
            ),
          waiting: (index, _wait, until) => dispatch({ type: 'jobItemWaiting', index, until }),
          failed: (index, error) =>
            dispatch(
              { type: 'jobItemFailed', index, error },
              ...(error.chargedUsd
                ? [said({ documentCostUsd: totalAfterCharge(get().session.documentCostUsd, error.chargedUsd) })]
                : []),
            ),
          abandoned: (delivered) => {
            server.discardImages([delivered.image.id]).catch(() => undefined);
          },
        },
      });
      pacer = mine;
    }
    dispatch({ type: 'jobRunStarted', now: now() });
    for (const index of indexes) dispatch({ type: 'jobItemCalling', index });
    const running = pacer;
    running.add(indexes);
    return running.idle().then(() => {
      if (pacer !== running) return;
      const after = get().job.view;
      if (!after) return;
      const { proposed, failed } = progress(after);
      dispatch(
        { type: 'jobRunEnded' },
        said({ notice: failed ? t('jobReadyFailed', { proposed, failed }) : t('jobReady', { proposed }) }),
      );
    });
  }

  type Review = 'accept' | 'skip' | 'regenerate';

  async function review(index: number, action: Review | 'prompt', prompt?: string): Promise<boolean> {
    const view = get().job.view;
    if (!view) return false;
    try {
      const next = await server.reviewJobItem({
        jobId: view.id,
        index,
        action,
        ...(action === 'prompt' ? { prompt: prompt ?? null } : {}),
      });
      dispatch({ type: 'jobLoaded', view: next });
    } catch (error) {
      fail(error);
      return false;
    }
    if (action === 'regenerate' || action === 'prompt') void runWaiting();
    return true;
  }

  /** Accepts every proposal, one call each (each places its image under the document's lock). */
  async function acceptAll(): Promise<void> {
    const view = get().job.view;
    if (!view || get().session.busy) return;
    dispatch(busy('job'));
    let placed = 0;
    for (const [index, item] of view.items.entries()) {
      if (item.state !== 'proposed') continue;
      if (!(await review(index, 'accept'))) return;
      // A proposal whose picture was lost comes back lost, not placed.
      if (get().job.view?.items[index]?.state === 'accepted') placed++;
    }
    dispatch(said({ busy: null, notice: t('jobPlaced', { n: placed }) }));
  }

  async function cancel(): Promise<void> {
    const view = get().job.view;
    if (!view) return;
    try {
      dispatch({ type: 'jobLoaded', view: await server.cancelDeckJob(view.id) });
      dispatch(said({ notice: t('jobCancelled') }));
    } catch (error) {
      fail(error);
    }
  }

  /**
   * When the sidebar opens: the caller's unfinished job, its waiting items drawn again. Items another sidebar
   * was drawing when it closed go on in their own executions: the job is read again until they have answered
   * (or, past the server's deadline for a call, are waiting again and drawn here).
   */
  async function resume(found?: Wire<JobView> | null): Promise<void> {
    try {
      const view = found === undefined ? await server.getDeckJob() : found;
      if (!view || !unfinished(view)) return;
      const docs = jobWords(get().session.host).docs;
      dispatch({ type: 'jobLoaded', view }, said({ notice: t(docs ? 'jobResumesDocs' : 'jobResumesSlides') }));
    } catch {
      // Not being able to resume must not stop the sidebar from opening: the job stays stored.
      return;
    }
    await Promise.all([runWaiting(), loadPictures()]);
    for (let polls = 0; polls < RESUME_POLLS && elsewhere(); polls++) {
      await wait(RESUME_POLL_MS);
      const id = get().job.view?.id;
      if (!id || !elsewhere()) return;
      try {
        const again = await server.getDeckJob();
        if (again?.id !== id) return;
        dispatch({ type: 'jobLoaded', view: again });
      } catch {
        return;
      }
      await Promise.all([runWaiting(), loadPictures()]);
    }
  }

  /**
   * Proposals drawn before the sidebar reopened (or by another execution) arrive without their pictures: each is
   * read back once from the server's cache. One that has expired there is lost (the server marks it so), and
   * its row offers to draw it again.
   */
  async function loadPictures(): Promise<void> {
    const view = get().job.view;
    if (!view) return;
    const missing = view.items.flatMap((item, index) =>
      item.state === 'proposed' && item.imageId && !get().job.pictures[index] ? [{ index, id: item.imageId }] : [],
    );
    await Promise.all(
      missing.map(async ({ index, id }) => {
        try {
          const image = await server.getJobItemImage({ jobId: view.id, index });
          const costUsd = view.items[index]?.costUsd ?? null;
          dispatch({ type: 'jobPictureLoaded', index, picture: { ...image, id, costUsd } });
        } catch (error) {
          if (error instanceof ServerError && error.code === 'PREVIEW_EXPIRED')
            dispatch({ type: 'jobPictureLost', index });
          // Otherwise unreadable just now: the row says the picture is not here, and Accept still tries.
        }
      }),
    );
  }

  /** Items shown as being drawn that no call of this sidebar is drawing: another execution has them. */
  function elsewhere(): boolean {
    const view = get().job.view;
    return !!view && !view.cancelled && !get().job.run && view.items.some((i) => i.state === 'working');
  }

  function close(): void {
    pacer = null;
    pacerJob = null;
    dispatch({ type: 'jobClosed' });
  }

  return { plan, start, review, acceptAll, cancel, resume, close, runWaiting };
}

export type JobActions = ReturnType<typeof jobActions>;
