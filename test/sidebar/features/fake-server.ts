/** A fake server for the controller's tests: every call recorded, answers given per test. */
import { createController, type Parts } from '../../../sidebar/app/controller';
import type { Late } from '../../../sidebar/kernel/late';
import type { Server } from '../../../sidebar/kernel/rpc';
import type { ImageDelivered, OfferedModel, RetryLater, SettingsView, Target, Wire } from '../../../src/shared/rpc';

export const MODEL: OfferedModel = {
  id: 'm',
  displayName: 'M',
  known: true,
  lifecycle: 'current',
  thinkingLevels: [],
  aspectRatios: ['1:1', '16:9', '9:16', '4:3'],
  imageSizes: ['1K'],
  defaultImageSize: '1K',
  pricePerImageUsd: { '1K': 0.05 },
  maxReferenceImages: 3,
};
export const SLIDE: Target = {
  host: 'slides',
  kind: 'slide',
  label: 'Slide 1',
  ratio: 16 / 9,
  canInsert: true,
  canReplace: false,
  canBackground: true,
};
export const SETTINGS: SettingsView = {
  connection: { kind: 'gemini', key: { source: 'user', masked: 'AIza…abcd', organizationKey: false } },
  model: 'm',
  models: [],
};

/** One generateImage call's image. */
export const delivered = (id: string, costUsd: number | null = 0.05): ImageDelivered => ({
  kind: 'image',
  image: { id, mimeType: 'image/png', base64: 'QUJD', pixelWidth: 1, pixelHeight: 1, costUsd },
  altTitle: 'A cat',
  text: 'Here you go.',
  warnings: [],
  documentCostUsd: 0.5,
});

/** One generateImage call's "wait and try again". */
export const retryLater = (
  seconds: number,
  attempt = 2,
  reason: RetryLater['reason'] = 'RATE_LIMITED',
): RetryLater => ({
  kind: 'retry',
  retryAfterSeconds: seconds,
  attempt,
  maxAttempts: 3,
  reason,
});

/** The sidebar's clock, moved by hand: `wait` resolves once `advance` has passed its time. */
export class FakeClock {
  time = 1000;
  private timers: { at: number; resolve: () => void }[] = [];

  readonly now = () => this.time;

  readonly wait = (ms: number) =>
    new Promise<void>((resolve) => {
      this.timers.push({ at: this.time + ms, resolve });
    });

  get pending(): number {
    return this.timers.length;
  }

  /** Moves the clock on, letting due waits resolve (and what they start run) before returning. */
  async advance(ms: number): Promise<void> {
    this.time += ms;
    const due = this.timers.filter((t) => t.at <= this.time);
    this.timers = this.timers.filter((t) => t.at > this.time);
    for (const t of due) t.resolve();
    await settle();
  }
}

/** What google.script.run hands over: a JSON copy, with mutable arrays. */
export const wire = <T>(value: T): Wire<T> => JSON.parse(JSON.stringify(value)) as Wire<T>;

/** A promise the test settles by hand: a server call still on its way. */
export function deferred<T>() {
  let resolve: (value: T) => void = () => {};
  let reject: (error: unknown) => void = () => {};
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

export type Calls = { name: string; args: unknown[] }[];

/** A server whose every call is recorded; functions not given reject as an unexpected call. */
export function fakeServer(functions: Partial<Server>): { server: Server; calls: Calls } {
  const calls: Calls = [];
  const server = new Proxy({} as Server, {
    get:
      (_t, name: string) =>
      (...args: unknown[]) => {
        calls.push({ name, args });
        const fn = functions[name as keyof Server] as ((...a: unknown[]) => Promise<unknown>) | undefined;
        return fn ? fn(...args) : Promise.reject(new Error(`unexpected call ${name}`));
      },
  });
  return { server, calls };
}

export const basics: Partial<Server> = {
  getSidebarContext: async () => ({ host: 'slides', version: '1', documentCostUsd: 0.25 }),
  getSettings: async () => wire(SETTINGS),
  getModels: async () => wire([MODEL]),
  getTarget: async () => wire(SLIDE),
  discardImages: async () => null,
  getNamedReferences: async () => [],
};

/** The sidebar's late part from its source, as the built sidebar fetches it from the server. */
export function sourceParts(): Late<Parts> {
  let part: Parts | null = null;
  return {
    now: () => part,
    load: async () => {
      part = await import('../../../sidebar/app/parts');
      return part;
    },
  };
}

export async function started(functions: Partial<Server>, clock = new FakeClock(), parts = sourceParts()) {
  const fake = fakeServer({ ...basics, ...functions });
  const controller = createController(fake.server, parts, undefined, clock.now, clock.wait);
  await controller.start();
  return { ...fake, controller, state: controller.store.get };
}

export const named = (calls: Calls, name: string) => calls.filter((c) => c.name === name).map((c) => c.args);
export const settle = () => new Promise((r) => setTimeout(r, 0));
