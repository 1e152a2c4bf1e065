/**
 * A local stand-in for the Gemini API's image models, for development and tests only (never bundled into
 * the add-on). It speaks generateContent (Gemini API and Vertex AI paths), ListModels and GetModel, validates
 * bodies against Google's discovery document and each model's rules, draws real deterministic pictures, and
 * fails on demand in every way the research found Google failing.
 */
import { startServer } from './server';
import type { Emulator, EmulatorOptions } from './types';

export type { Emulator, EmulatorOptions, Fault, FaultKind, RecordedRequest } from './types';

export function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  return startServer(options);
}
