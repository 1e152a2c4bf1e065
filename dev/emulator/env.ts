/** Configuration of `npm run emulator` from the environment, checked so a typo fails loudly at start. */
import { checkFault } from './faults';
import type { EmulatorOptions, Fault } from './index';
import { checkQuota } from './quota';

export interface CliConfig {
  readonly options: EmulatorOptions & { port: number };
  readonly faults: readonly Fault[];
}

export const DEFAULT_PORT = 8787;

export function configFromEnv(env: Readonly<Record<string, string | undefined>>): CliConfig {
  const port = integer(env.PORT, 'PORT', DEFAULT_PORT);
  if (port > 65_535) throw new Error(`PORT must be at most 65535, got ${port}`);
  const options: EmulatorOptions & { port: number } = {
    port,
    latencyMs: integer(env.EMULATOR_LATENCY_MS, 'EMULATOR_LATENCY_MS', 0),
  };
  if (env.HOST !== undefined && env.HOST !== '') options.host = env.HOST;
  if (env.EMULATOR_SIGNATURE_BYTES !== undefined && env.EMULATOR_SIGNATURE_BYTES !== '') {
    options.signatureBytes = integer(env.EMULATOR_SIGNATURE_BYTES, 'EMULATOR_SIGNATURE_BYTES', 0);
  }
  const quota = env.EMULATOR_QUOTA_PER_MINUTE;
  if (quota !== undefined && quota.trim() !== '') {
    try {
      options.requestsPerMinute = checkQuota(Number(quota));
    } catch {
      throw new Error(`EMULATOR_QUOTA_PER_MINUTE must be a whole number ≥ 1, got ${JSON.stringify(quota)}`);
    }
  }
  return { options, faults: faultsFrom(env.EMULATOR_FAULTS) };
}

function integer(text: string | undefined, name: string, fallback: number): number {
  if (text === undefined || text.trim() === '') return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0)
    throw new Error(`${name} must be a whole number ≥ 0, got ${JSON.stringify(text)}`);
  return value;
}

function faultsFrom(text: string | undefined): Fault[] {
  if (text === undefined || text.trim() === '') return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new Error(`EMULATOR_FAULTS is not JSON: ${(error as Error).message}`);
  }
  if (!Array.isArray(parsed)) throw new Error('EMULATOR_FAULTS must be a JSON array of faults');
  return parsed.map(checkFault);
}
