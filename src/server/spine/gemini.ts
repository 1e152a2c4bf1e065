/// <reference path="../platform/globals.d.ts" />
/** Assembles the Gemini client for this execution from the settings and the Apps Script adapters. */
import { GeminiClient } from '../../core/gemini/client';
import type { Endpoint } from '../../core/gemini/endpoint';
import type { RetryPolicy } from '../../core/gemini/retry';
import { lazily } from '../../core/i18n';
import { userCache } from '../platform/stash';
import { appsScriptClock, UrlFetchTransport } from '../platform/url-fetch';
import { personsWords } from '../platform/words';
import { Settings } from './settings';

/** The stores are opened when a setting is first read from them: each getXProperties() is a service call. */
export function openSettings(): Settings {
  return new Settings({
    user: () => PropertiesService.getUserProperties(),
    script: () => PropertiesService.getScriptProperties(),
    vertex: PEEL_VERTEX,
    vertexLocation: PEEL_VERTEX_LOCATION,
    nowMs: Date.now(),
    cache: userCache,
  });
}

export function geminiClient(endpoint: Endpoint, retry?: Partial<RetryPolicy>): GeminiClient {
  return new GeminiClient({
    transport: new UrlFetchTransport(),
    clock: appsScriptClock,
    endpoint,
    // A model's lifecycle warning is said in the person's language; the language is read only if one is said.
    say: lazily(personsWords),
    ...(retry ? { retry } : {}),
  });
}

/** The client for new images, authenticated as the settings say. */
export function openGeminiClient(settings: Settings = openSettings()): GeminiClient {
  return geminiClient(settings.endpoint(() => ScriptApp.getOAuthToken()));
}
