import { describe, expect, it } from 'vitest';
import { consentRefusal, DRIVE_FILE_SCOPE, EXTERNAL_REQUEST_SCOPE, neededFor } from '../../src/core/consent';

describe('Apps Script’s refusal of a call whose scope the person declined', () => {
  it('becomes SCOPE_NOT_GRANTED naming the scope and the feature that needs it', () => {
    const error = consentRefusal(
      'Exception: You do not have permission to call UrlFetchApp.fetch. Required permissions: https://www.googleapis.com/auth/script.external_request',
    );
    expect(error).toMatchObject({
      code: 'SCOPE_NOT_GRANTED',
      details: { scope: EXTERNAL_REQUEST_SCOPE, detail: expect.stringContaining('Connect to an external service') },
    });
  });

  it('reads the editors’ form, which lists alternatives in parentheses, by its first scope', () => {
    const error = consentRefusal(
      'You do not have permission to call SlidesApp.getActivePresentation. Required permissions: (https://www.googleapis.com/auth/presentations.currentonly || https://www.googleapis.com/auth/presentations)',
    );
    expect(error?.details.scope).toBe('https://www.googleapis.com/auth/presentations.currentonly');
  });

  it('leaves every other failure alone', () => {
    expect(consentRefusal('Timeout: https://generativelanguage.googleapis.com/')).toBeNull();
    expect(
      consentRefusal('You do not have permission to call SlidesApp.getActivePresentation in AuthMode.NONE.'),
    ).toBeNull();
  });

  it('says what Drive’s permission is for, and that inserting works without it', () => {
    expect(neededFor(DRIVE_FILE_SCOPE).detail).toMatch(/Inserting new pictures works without it/);
  });
});
