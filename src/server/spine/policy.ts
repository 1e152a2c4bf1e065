/**
 * The organization's policy applied to one image before it is sent: the model, the size and this month's
 * spending, the person's from their own properties (read with their key) and the document's from its store
 * (read by the pipeline anyway, or once more only when the document has a budget).
 */
import type { ImageSize, ModelSpec } from '../../core/gemini/catalog';
import { estimateCost } from '../../core/gemini/cost';
import { checkImage, monthOf, type Policy } from '../../core/policy';
import type { Stored } from '../platform/document-store';
import { monthInProperties } from './costs';
import type { Settings } from './settings';

export function checkAgainstPolicy(
  policy: Policy,
  spec: ModelSpec,
  size: ImageSize,
  settings: Settings,
  snapshot: () => Stored | null,
  nowMs: number = Date.now(),
): void {
  const estimateUsd = estimateCost(spec, size).perImageUsd ?? 0;
  const document = policy.documentMonthlyUsd === null ? null : snapshot();
  checkImage(
    policy,
    { model: spec.id, modelName: spec.displayName, size, estimateUsd },
    {
      ...(policy.personMonthlyUsd !== null ? { person: settings.spentThisMonth() } : {}),
      ...(document ? { document: monthInProperties(document, monthOf(nowMs)) } : {}),
    },
  );
}
