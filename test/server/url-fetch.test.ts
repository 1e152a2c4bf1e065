import { describe, expect, it, vi } from 'vitest';
import type { HttpRequest } from '../../src/core/gemini/transport';
import { appsScriptClock, classifyFetchError, UrlFetchTransport } from '../../src/server/platform/url-fetch';

type FetchRequest = GoogleAppsScript.URL_Fetch.URLFetchRequest;
type Response = GoogleAppsScript.URL_Fetch.HTTPResponse;

class FakeResponse implements Pick<Response, 'getResponseCode' | 'getContentText'> {
  /** Each getter is an Apps Script call: how often the status was asked. */
  codeReads = 0;

  constructor(
    private readonly code: number,
    private readonly text: string,
  ) {}

  getResponseCode(): number {
    this.codeReads++;
    return this.code;
  }

  getContentText(): string {
    return this.text;
  }
}

/** UrlFetchApp.fetchAll: answers each request, or throws for the whole batch as Apps Script does. */
class FakeUrlFetchApp implements Pick<GoogleAppsScript.URL_Fetch.UrlFetchApp, 'fetchAll'> {
  readonly batches: FetchRequest[][] = [];

  constructor(private readonly answer: (request: FetchRequest) => FakeResponse | Error) {}

  fetchAll(requests: (FetchRequest | string)[]): Response[] {
    const objects = requests.map((r) => (typeof r === 'string' ? { url: r } : r));
    this.batches.push(objects);
    return objects.map((request) => {
      const answer = this.answer(request);
      if (answer instanceof Error) throw answer;
      return answer as unknown as Response;
    });
  }
}

const post: HttpRequest = {
  url: 'https://generativelanguage.googleapis.com/v1beta/models/m:generateContent',
  method: 'post',
  headers: { 'Content-Type': 'application/json', 'x-goog-api-key': 'k' },
  payload: '{"contents":[]}',
};

describe('UrlFetchTransport', () => {
  it('sends the batch in one fetchAll with muted HTTP exceptions and Content-Type as contentType', () => {
    const app = new FakeUrlFetchApp(() => new FakeResponse(429, '{"error":{}}'));
    const responses = new UrlFetchTransport(app).fetchAll([post, post]);
    expect(responses).toEqual([
      { kind: 'response', status: 429, body: '{"error":{}}' },
      { kind: 'response', status: 429, body: '{"error":{}}' },
    ]);
    expect(app.batches).toHaveLength(1);
    expect(app.batches[0]?.[0]).toEqual({
      url: post.url,
      method: 'post',
      headers: { 'x-goog-api-key': 'k' },
      contentType: 'application/json',
      payload: '{"contents":[]}',
      muteHttpExceptions: true,
      followRedirects: true,
    });
  });

  it('reports a timeout as a deadline for every request of the batch, without throwing', () => {
    const app = new FakeUrlFetchApp(
      () => new Error('Timeout: https://generativelanguage.googleapis.com/v1beta/models'),
    );
    expect(new UrlFetchTransport(app).fetchAll([post, post])).toEqual([
      {
        kind: 'failure',
        failure: 'deadline',
        message: 'Timeout: https://generativelanguage.googleapis.com/v1beta/models',
      },
      {
        kind: 'failure',
        failure: 'deadline',
        message: 'Timeout: https://generativelanguage.googleapis.com/v1beta/models',
      },
    ]);
  });

  it('reports other exceptions as network failures', () => {
    const app = new FakeUrlFetchApp(() => new Error('DNS error: https://nowhere.invalid'));
    expect(new UrlFetchTransport(app).fetchAll([post])).toEqual([
      { kind: 'failure', failure: 'network', message: 'DNS error: https://nowhere.invalid' },
    ]);
  });

  it('names what Apps Script refused to send by its own error texts', () => {
    const cases = [
      [
        'Request to https://us-central1-aiplatform.googleapis.com/v1/x failed because the URL has not been whitelisted in the script manifest.',
        'refused',
      ],
      ['Limit Exceeded: URLFetch URL Length.', 'url-too-long'],
      ['Invalid argument: https://generativelanguage.googleapis.com/v1beta/models/a b', 'invalid-url'],
      ['Timeout: https://generativelanguage.googleapis.com/v1beta/models', 'deadline'],
      ['Address unavailable: https://generativelanguage.googleapis.com/', 'network'],
    ] as const;
    for (const [message, failure] of cases) {
      expect(classifyFetchError(message)).toBe(failure);
      const app = new FakeUrlFetchApp(() => new Error(message));
      expect(new UrlFetchTransport(app).fetchAll([post])).toEqual([{ kind: 'failure', failure, message }]);
    }
  });

  it('asks a response for its status only when the status is read, and once however often it is read', () => {
    const answers = [new FakeResponse(200, '{"candidates":[]}'), new FakeResponse(503, '{"error":{}}')];
    const app = new FakeUrlFetchApp((request) => answers[Number(request.url.endsWith('b'))] ?? new Error('none'));
    const [first, second] = new UrlFetchTransport(app).fetchAll([
      { ...post, url: `${post.url}a` },
      { ...post, url: `${post.url}b` },
    ]);
    expect(first).toMatchObject({ kind: 'response', body: '{"candidates":[]}' });
    expect(answers[0]?.codeReads).toBe(0);
    expect(second?.kind === 'response' && [second.status, second.status]).toEqual([503, 503]);
    expect(answers[1]?.codeReads).toBe(1);
  });

  it('sends nothing for an empty batch', () => {
    const app = new FakeUrlFetchApp(() => new FakeResponse(200, '{}'));
    expect(new UrlFetchTransport(app).fetchAll([])).toEqual([]);
    expect(app.batches).toHaveLength(0);
  });
});

class RecordingUtilities implements Pick<GoogleAppsScript.Utilities.Utilities, 'sleep'> {
  readonly slept: number[] = [];

  sleep(milliseconds: number): void {
    if (milliseconds > 300_000) throw new Error('Exception: Argument too large: milliseconds');
    this.slept.push(milliseconds);
  }
}

describe('appsScriptClock', () => {
  it('sleeps through Utilities.sleep, in whole milliseconds within its 5-minute limit', () => {
    const utilities = new RecordingUtilities();
    vi.stubGlobal('Utilities', utilities);
    appsScriptClock.sleep(1500.4);
    appsScriptClock.sleep(400_000);
    appsScriptClock.sleep(-5);
    expect(utilities.slept).toEqual([1500, 300_000, 0]);
    expect(Math.abs(appsScriptClock.now() - Date.now())).toBeLessThan(1000);
  });
});
