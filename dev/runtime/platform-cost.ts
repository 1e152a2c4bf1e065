/**
 * The modelled platform time of one execution: the latency profile's charge for its start, for evaluating
 * Code.js, for each service call and for each Google service reached over UrlFetchApp. Pure accounting: the
 * Runtime decides whether to also wait that long (RuntimeOptions.platformLatency).
 */
import type { Cost, LatencyProfile } from './latency-profile';

export interface PlatformCost {
  /** Everything below, in modelled ms. */
  ms: number;
  start: number;
  eval: number;
  calls: number;
  /** Google services reached over UrlFetchApp that the local stand-ins answer at once (Drive). */
  remote: number;
  /** Modelled ms per service global (and per remote, by its profile name). */
  byService: Record<string, number>;
  /** `Service.method` → how many calls and their modelled ms. */
  byMethod: Record<string, { calls: number; ms: number }>;
}

export const emptyPlatformCost = (): PlatformCost => ({
  ms: 0,
  start: 0,
  eval: 0,
  calls: 0,
  remote: 0,
  byService: {},
  byMethod: {},
});

/** The figure the profile has for this method of this service. */
export function costOf(profile: LatencyProfile, service: string, method: string): Cost {
  const costs = profile.services[service];
  if (!costs) return profile.otherService;
  return costs.methods?.[method] ?? costs.default;
}

export function charge(cost: Cost, bytes = 0): number {
  return cost.ms + (cost.msPerKb ? (cost.msPerKb * bytes) / 1024 : 0);
}

/** Modelled evaluation of a Code.js of this many bytes. */
export const evalMs = (profile: LatencyProfile, codeBytes: number) => (profile.evalMsPerKb.ms * codeBytes) / 1024;

/**
 * Roughly how many bytes a call moves: strings by length, byte arrays and blobs by size. Deep structures are
 * cut off, since only large payloads (images, stores) matter to a per-KB figure.
 */
export function payloadBytes(value: unknown, depth = 0): number {
  if (typeof value === 'string') return value.length;
  if (typeof value !== 'object' || value === null || depth > 4) return 0;
  if (ArrayBuffer.isView(value)) return value.byteLength;
  if (Array.isArray(value)) {
    if (value.length > 0 && typeof value[0] === 'number') return value.length;
    return value.reduce((sum: number, item) => sum + payloadBytes(item, depth + 1), 0);
  }
  const blob = value as { __blob?: unknown; bytes?: unknown; rawBytes?: unknown };
  if (blob.__blob === true && blob.bytes instanceof Uint8Array) return blob.bytes.byteLength;
  if (typeof blob.rawBytes === 'function') return (blob.rawBytes as () => Uint8Array)().byteLength;
  if ('__handle' in value) return 0;
  let sum = 0;
  for (const [key, item] of Object.entries(value)) sum += key.length + payloadBytes(item, depth + 1);
  return sum;
}

export type StartKind = 'script.run' | 'server';

export class PlatformMeter {
  readonly cost: PlatformCost = emptyPlatformCost();

  constructor(private readonly profile: LatencyProfile) {}

  start(kind: StartKind): number {
    const ms = charge(kind === 'script.run' ? this.profile.scriptRunStart : this.profile.executionStart);
    this.cost.start += ms;
    return this.add(ms);
  }

  evaluate(codeBytes: number): number {
    const ms = evalMs(this.profile, codeBytes);
    this.cost.eval += ms;
    return this.add(ms);
  }

  /** `bytes` is asked only when the figure has a per-KB part. */
  call(service: string, method: string, bytes: () => number = () => 0): number {
    const cost = costOf(this.profile, service, method);
    const ms = charge(cost, cost.msPerKb ? bytes() : 0);
    this.cost.calls += ms;
    this.tally(service, `${service}.${method}`, ms);
    return this.add(ms);
  }

  /** A fetch that reached a Google service the profile times; 0 for any other URL (Gemini's is the model's). */
  remote(fetch: { url: string; requestBytes: number; responseBytes: number }): number {
    const remote = this.profile.remotes.find((r) => fetch.url.startsWith(r.prefix));
    if (!remote) return 0;
    const ms = charge(remote.cost, fetch.requestBytes + fetch.responseBytes);
    this.cost.remote += ms;
    this.tally(remote.name, `${remote.name}.request`, ms);
    return this.add(ms);
  }

  private tally(service: string, method: string, ms: number): void {
    this.cost.byService[service] = (this.cost.byService[service] ?? 0) + ms;
    const entry = this.cost.byMethod[method] ?? { calls: 0, ms: 0 };
    entry.calls++;
    entry.ms += ms;
    this.cost.byMethod[method] = entry;
  }

  private add(ms: number): number {
    this.cost.ms += ms;
    return ms;
  }
}
