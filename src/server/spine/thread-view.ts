/**
 * An image's thread as the sidebar shows it: its turns, the versions it keeps (each labelled with who made it
 * and whether the caller can open its file), its alt text. Placing answers with this, so the sidebar needs no
 * further call to show what it just did.
 */
import type { Thread } from '../../core/conversation/thread';
import { currentVersionId, userHash } from '../../core/conversation/thread';
import { keepingDescription } from '../../core/prompts';
import type { ThreadSummary } from '../../shared/rpc';

/** Which image a thread is about, for the person: English, and its words for the sidebar (errors.ts toldAs). */
export type Labelled = Pick<ThreadSummary, 'label' | 'labelWords'>;

/** The picture a thread is about, as the caller already knows it (no further call to Slides or Docs). */
export interface Pictured {
  readonly ref: string;
  readonly threadId: string | null;
  readonly alt: { readonly title: string; readonly description: string };
}

/** Everything but the current picture's bytes, which the caller reads (documentImage) only when it must. */
export function threadSummary(pictured: Pictured, thread: Thread | null, named: Labelled, me: string): ThreadSummary {
  const mine = thread ? userHash(me, thread.id) : '';
  const who = (u: string) => (u === mine ? 'you' : 'collaborator') as 'you' | 'collaborator';
  const current = thread ? currentVersionId(thread) : null;
  const { alt } = pictured;
  const description = alt.description;
  return {
    threadId: thread?.id ?? pictured.threadId,
    ref: pictured.ref,
    ...named,
    turns: (thread?.turns ?? []).map((turn) => ({
      instruction: turn.i,
      modelText: turn.w ?? '',
      model: turn.m,
      ratio: turn.r,
      size: turn.s,
      costUsd: turn.c,
      at: turn.t * 1000,
      who: who(turn.u),
      versionId: turn.ver,
      kind: turn.k ?? 'edit',
      ...(turn.sh === 1 ? { shown: true as const } : {}),
      ...(turn.sh === 1 && turn.u === mine ? { imageId: turn.ver } : {}),
    })),
    summary: thread?.summary ?? null,
    versions: (thread?.versions ?? []).map((version) => ({
      id: version.id,
      at: version.t * 1000,
      who: who(version.u),
      current: version.id === current,
      reachable: (version.o ?? version.u) === mine ? 'yes' : 'unknown',
    })),
    currentVersionId: current,
    altTitle: alt.title,
    altDescription: description,
    altByPerson: keepingDescription({ title: '', description: '' }, description).description !== '',
  };
}
