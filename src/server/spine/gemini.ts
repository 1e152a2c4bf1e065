/// <reference path="../platform/globals.d.ts" />
/** Assembles the Gemini client for this execution from the settings and the Apps Script adapters. */
import { GeminiClient } from '../../core/gemini/client';
import type { Endpoint } from '../../core/gemini/endpoint';
import type { RetryPolicy } from '../../core/gemini/retry';
import { userCache } from '../platform/stash';
import { appsScriptClock, UrlFetchTransport } from '../platform/url-fetch';
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
    ...(retry ? { retry } : {}),
  });
}

/** The client for new images, authenticated as the settings say. */
export function openGeminiClient(settings: Settings = openSettings()): GeminiClient {
  return geminiClient(settings.endpoint(() => ScriptApp.getOAuthToken()));
}
