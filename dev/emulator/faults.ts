/**
 * Injected failures. A fault waits in a queue until a request that it applies to reaches the point where the
 * real failure would happen (the front end, the key check, the quota check, or the model), so a request
 * that fails earlier for its own reasons does not use it up.
 */
import type { Fault, FaultKind } from './types';

/** Where in request handling a fault strikes, in order. */
export type Stage = 'frontend' | 'key' | 'model' | 'quota' | 'serve';

const STAGES: Readonly<Record<FaultKind, Stage>> = {
  'too-large': 'frontend',
  'key-invalid': 'key',
  'key-leaked': 'key',
  'key-suspended': 'key',
  'model-retired': 'model',
  billing: 'quota',
  'rate-minute': 'quota',
  'rate-day': 'quota',
  internal: 'serve',
  unavailable: 'serve',
  deadline: 'serve',
  slow: 'serve',
  'malformed-json': 'serve',
  'truncated-base64': 'serve',
  'prompt-blocked': 'serve',
  'image-safety': 'serve',
  'image-prohibited': 'serve',
  'image-recitation': 'serve',
  'no-image': 'serve',
  'text-refusal': 'serve',
  'missing-thought-signature': 'serve',
};

export const FAULT_KINDS = Object.keys(STAGES) as FaultKind[];

export function stageOf(kind: FaultKind): Stage {
  return STAGES[kind];
}

/** Key faults hit every authenticated call (a bad key fails ListModels too); the rest only generateContent. */
function appliesTo(kind: FaultKind, call: 'generate' | 'models'): boolean {
  return call === 'generate' || STAGES[kind] === 'key';
}

interface Pending {
  readonly fault: Fault;
  remaining: number;
}

export class FaultQueue {
  private pending: Pending[] = [];

  inject(faults: Fault | readonly Fault[]): void {
    const list = Array.isArray(faults) ? faults : [faults as Fault];
    const checked = list.map(checkFault);
    for (const fault of checked) this.pending.push({ fault, remaining: fault.times ?? 1 });
  }

  reset(): void {
    this.pending = [];
  }

  get active(): readonly Fault[] {
    return this.pending.map(({ fault, remaining }) => ({ ...fault, times: remaining }));
  }

  /** The fault the next matching request will meet, without using it up. */
  peek(call: 'generate' | 'models', model: string | undefined): Fault | undefined {
    return this.pending.find(
      ({ fault, remaining }) =>
        remaining > 0 &&
        appliesTo(fault.kind, call) &&
        (fault.model === undefined || (model !== undefined && bare(fault.model) === bare(model))),
    )?.fault;
  }

  consume(fault: Fault): void {
    const entry = this.pending.find((p) => p.fault === fault);
    if (entry === undefined) return;
    entry.remaining--;
    if (entry.remaining <= 0) this.pending = this.pending.filter((p) => p !== entry);
  }
}

function bare(model: string): string {
  return model.startsWith('models/') ? model.slice('models/'.length) : model;
}

/**
 * Validates a fault from code or JSON. JSON cannot say Infinity, so `times` also accepts the string
 * "Infinity" (and null) there.
 */
export function checkFault(input: unknown): Fault {
  if (input === null || typeof input !== 'object') throw new TypeError('A fault must be an object with a kind');
  const raw = input as Record<string, unknown>;
  const kind = raw.kind;
  if (typeof kind !== 'string' || !(kind in STAGES)) {
    throw new TypeError(`Unknown fault kind ${JSON.stringify(kind)}; expected one of ${FAULT_KINDS.join(', ')}`);
  }
  const fault: { -readonly [K in keyof Fault]: Fault[K] } = { kind: kind as FaultKind };
  if (raw.times !== undefined) {
    const times = raw.times === 'Infinity' || raw.times === null ? Number.POSITIVE_INFINITY : raw.times;
    if (typeof times !== 'number' || !(times >= 1) || (Number.isFinite(times) && !Number.isInteger(times))) {
      throw new TypeError(`Fault times must be a whole number ≥ 1 or Infinity, got ${JSON.stringify(raw.times)}`);
    }
    fault.times = times;
  }
  for (const key of ['retryDelaySeconds', 'delayMs'] as const) {
    const value = raw[key];
    if (value === undefined) continue;
    if (typeof value !== 'number' || !(value >= 0) || !Number.isFinite(value)) {
      throw new TypeError(`Fault ${key} must be a non-negative number, got ${JSON.stringify(value)}`);
    }
    fault[key] = value;
  }
  if (raw.model !== undefined) {
    if (typeof raw.model !== 'string' || raw.model === '') throw new TypeError('Fault model must be a model id');
    fault.model = raw.model;
  }
  return fault;
}
