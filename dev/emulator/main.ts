/**
 * `npm run emulator`: the Gemini emulator on its own, on PORT (default 8787). Environment: EMULATOR_LATENCY_MS,
 * EMULATOR_FAULTS (JSON array of faults), EMULATOR_QUOTA_PER_MINUTE, EMULATOR_SIGNATURE_BYTES, HOST.
 */
import { configFromEnv } from './env';
import { startEmulator } from './index';

const { options, faults } = configFromEnv(process.env);
const emulator = await startEmulator(options);
if (faults.length > 0) emulator.inject([...faults]);

console.log(`Gemini emulator listening on ${emulator.url} (latency ${options.latencyMs ?? 0} ms)`);
if (faults.length > 0) console.log(`Injected faults: ${faults.map((f) => f.kind).join(', ')}`);
if (options.requestsPerMinute !== undefined)
  console.log(`Quota: ${options.requestsPerMinute} requests per minute per key`);
console.log(
  `Control: ${emulator.url}/__emulator/health, /__emulator/faults, /__emulator/quota, /__emulator/requests, /__emulator/config`,
);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void emulator.close().then(() => process.exit(0));
  });
}
