/**
 * The modelled platform time: an execution is charged the latency profile's figure for its start, for
 * evaluating Code.js and for each call it makes, and a different profile charges differently.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Project, project, server, type TestServer } from './fixtures';
import { DEFAULT_LATENCY_PROFILE, type LatencyProfile, Runtime, type RuntimeOptions, World } from './index';
import { costOf, PlatformMeter, payloadBytes } from './platform-cost';

const CODE = `
function work() {
  var props = PropertiesService.getUserProperties();
  props.setProperty('a', 'b');
  props.getProperty('a');
  props.getProperty('a');
  CacheService.getUserCache().put('k', 'v', 60);
  Utilities.base64Encode(new Array(2049).join('x'));
  return 1;
}
function toDrive(base) {
  return UrlFetchApp.fetch(base + 'files').getResponseCode();
}
`;

const figure = (ms: number, msPerKb?: number) => ({ ms, source: 'test', ...(msPerKb ? { msPerKb } : {}) });

/** Round numbers, so each expected charge can be written out by hand. */
const profile: LatencyProfile = {
  scriptRunStart: figure(100),
  executionStart: figure(40),
  evalMsPerKb: figure(2),
  services: {
    PropertiesService: { default: figure(1), methods: { setProperty: figure(7), getProperty: figure(3) } },
    CacheService: { default: figure(2), methods: { put: figure(11) } },
    UrlFetchApp: { default: figure(0.5), methods: { fetch: figure(13) } },
    Utilities: { default: figure(1, 0.5) },
  },
  otherService: figure(5),
  remotes: [{ name: 'Stand-in', prefix: 'https://drive.test/', cost: figure(17) }],
};

let proj: Project;
let drive: TestServer;
const runtimes: Runtime[] = [];

beforeAll(async () => {
  proj = await project(CODE);
  drive = await server((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end('{}');
  });
});

afterAll(async () => {
  await Promise.all(runtimes.map((rt) => rt.close()));
  await drive?.close();
  await proj?.remove();
});

function runtime(options: Partial<RuntimeOptions> = {}): Runtime {
  const rt = new Runtime({
    distDir: proj.dir,
    world: new World(),
    enforceAllowlist: false,
    urlRewrites: [{ from: 'https://drive.test/', to: `${drive.base}/` }],
    ...options,
  });
  runtimes.push(rt);
  return rt;
}

const evaluation = (perKb: number) => (perKb * CODE.length) / 1024;

describe('platform cost accounting', () => {
  it('charges a google.script.run execution its start, its evaluation and each call', async () => {
    const { record } = await runtime({ platformLatency: { profile } }).run('work', [], { trigger: 'script.run' });
    expect(record.status).toBe('ok');
    // base64Encode of 2,048 characters: 2 KB in, about 2.7 KB of base64 out.
    const utilities = 1 + (0.5 * (2048 + 2732)) / 1024;
    const calls = 1 + 7 + 3 + 3 + 2 + 11 + utilities;
    expect(record.platform.start).toBe(100);
    expect(record.platform.eval).toBeCloseTo(evaluation(2), 6);
    expect(record.platform.calls).toBeCloseTo(calls, 6);
    expect(record.platform.ms).toBeCloseTo(100 + evaluation(2) + calls, 6);
    expect(record.platform.byService.PropertiesService).toBe(14);
    expect(record.platform.byMethod['PropertiesService.getProperty']).toEqual({ calls: 2, ms: 6 });
    expect(record.platform.byMethod['CacheService.put']).toEqual({ calls: 1, ms: 11 });
  });

  it('charges what the profile says: another profile, another charge', async () => {
    const dearer: LatencyProfile = {
      ...profile,
      executionStart: figure(400),
      evalMsPerKb: figure(5),
      services: {
        ...profile.services,
        PropertiesService: { default: figure(1), methods: { getProperty: figure(30) } },
      },
    };
    const cheap = await runtime({ platformLatency: { profile } }).run('work');
    const dear = await runtime({ platformLatency: { profile: dearer } }).run('work');
    // A direct run is started by the server: no google.script.run round trip.
    expect(cheap.record.platform.start).toBe(40);
    expect(dear.record.platform.start).toBe(400);
    expect(dear.record.platform.eval).toBeCloseTo(evaluation(5), 6);
    // setProperty now falls to the service's default (1 instead of 7), getProperty costs 30 instead of 3.
    expect(dear.record.platform.byService.PropertiesService).toBe(1 + 1 + 30 + 30);
    expect(dear.record.platform.ms - cheap.record.platform.ms).toBeCloseTo(
      360 + evaluation(3) + (1 + 1 + 30 + 30) - 14,
      6,
    );
  });

  it('charges a Google service reached over UrlFetchApp its own time, and the fetch its overhead', async () => {
    const { record } = await runtime({ platformLatency: { profile } }).run('toDrive', ['https://drive.test/'], {
      trigger: 'script.run',
    });
    expect(record.status).toBe('ok');
    expect(record.platform.remote).toBe(17);
    expect(record.platform.byMethod['UrlFetchApp.fetch']).toEqual({ calls: 1, ms: 13 });
    expect(record.platform.byMethod['UrlFetchApp.getResponseCode']).toEqual({ calls: 1, ms: 0.5 });
    expect(record.platform.byService['Stand-in']).toBe(17);
  });

  it('waits the modelled time only when asked to', async () => {
    const slow: LatencyProfile = { ...profile, scriptRunStart: figure(400) };
    const charged = await runtime({ platformLatency: { profile: slow } }).run('work', [], { trigger: 'script.run' });
    const waited = await runtime({ platformLatency: { profile: slow, sleep: true } }).run('work', [], {
      trigger: 'script.run',
    });
    expect(charged.record.platform.ms).toBeGreaterThan(400);
    expect(waited.record.durationMs).toBeGreaterThanOrEqual(Math.floor(waited.record.platform.ms));
  });

  it('uses the default profile when none is given', async () => {
    const { record } = await runtime().run('work', [], { trigger: 'script.run' });
    expect(record.platform.start).toBe(DEFAULT_LATENCY_PROFILE.scriptRunStart.ms);
    expect(record.platform.byMethod['PropertiesService.setProperty']?.ms).toBe(
      costOf(DEFAULT_LATENCY_PROFILE, 'PropertiesService', 'setProperty').ms,
    );
  });
});

describe('PlatformMeter', () => {
  it('charges a per-KB figure by the bytes moved, and asks for them only then', () => {
    const meter = new PlatformMeter(profile);
    let asked = 0;
    meter.call('PropertiesService', 'getProperty', () => {
      asked++;
      return 1_000_000;
    });
    expect(asked).toBe(0);
    expect(meter.call('Utilities', 'base64Decode', () => 4096)).toBe(1 + 2);
    expect(meter.call('GmailApp', 'send')).toBe(5);
    expect(meter.remote({ url: 'https://elsewhere.test/x', requestBytes: 10, responseBytes: 10 })).toBe(0);
    expect(meter.cost.ms).toBe(3 + 3 + 5);
  });

  it('sizes strings, byte arrays and blobs, not handles', () => {
    expect(payloadBytes(['abc', [1, 2, 3, 4]])).toBe(7);
    expect(payloadBytes({ __blob: true, bytes: new Uint8Array(10), contentType: null, name: null })).toBe(10);
    expect(payloadBytes({ __handle: 3, service: 'SlidesApp', methods: ['a'], props: {} })).toBe(0);
    expect(payloadBytes({ key: 'value' })).toBe(8);
  });
});
