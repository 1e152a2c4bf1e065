import type { InferInput, InferOutput } from 'valibot';
import { safeParse, strictTuple } from 'valibot';
import { describeError, detailOf, type ErrorDetails, isPeelError, PeelError } from '../../core/errors';
import { redactKeys } from '../../core/gemini/keys';
import type { ServerKey } from '../../core/i18n';
import { EN_SERVER } from '../../core/i18n/en-server';
import { wrongAccountFailure } from '../../core/script-run';
import type { Schema } from '../../shared/requests';
import type { Result, WireSafe } from '../../shared/rpc';
import { withConsentPage } from '../platform/consent';
import { personsWords } from '../platform/words';

type Outputs<S extends readonly Schema[]> = { -readonly [K in keyof S]: InferOutput<S[K]> };

/**
 * The arguments as the sidebar passes them: a trailing argument that may be undefined may be left out, as
 * google.script.run allows.
 */
export type Inputs<S extends readonly Schema[]> = S extends readonly [
  ...infer Init extends readonly Schema[],
  infer Last extends Schema,
]
  ? undefined extends InferInput<Last>
    ? [...Inputs<Init>, InferInput<Last>?]
    : { -readonly [K in keyof S]: InferInput<S[K]> }
  : [];

/**
 * A schema's message that is one of the catalog's sentences word for word (requests.ts takes it from there) is
 * said in the reader's language; the others, written for whoever calls the server, stay as they are.
 */
function schemaDetail(message: string): ErrorDetails {
  const key = (Object.keys(EN_SERVER) as ServerKey[]).find((k) => EN_SERVER[k] === message);
  return key ? detailOf(key) : { detail: message };
}

function plural(n: number): string {
  return n === 1 ? '1 argument' : `${n} arguments`;
}

/**
 * The one boundary between Peel and the sidebar. google.script.run hands a server function whatever the page
 * sent (any plain data, any number of arguments), so the arguments are checked against their schemas first: a
 * wrong shape is BAD_INPUT with a sentence saying what to fix, and the function never starts. Then its value
 * or error becomes a Result, its sentences in the person's language; a call refused for a permission the person did not grant carries Google's page
 * for granting it. Expected errors (PeelError) keep their code; anything else becomes INTERNAL with
 * its stack logged here and never shown. The `WireSafe` bound makes returning a Date or a function a compile
 * error.
 */
export function expose<const S extends readonly Schema[], R>(
  schemas: S,
  fn: (...args: Outputs<S>) => R & WireSafe<R>,
): (...args: Inputs<S>) => Result<R> {
  const args = strictTuple(schemas as unknown as Schema[], (issue) =>
    issue.expected === 'never'
      ? schemas.length === 0
        ? 'Call this without arguments.'
        : `Send at most ${plural(schemas.length)}.`
      : 'Send the arguments as a list.',
  );
  return (...input: Inputs<S>): Result<R> => {
    try {
      // abortEarly: the first problem is the one to fix, and a 100,000-element array yields one issue, not 100,000.
      const parsed = safeParse(args, input, { abortEarly: true });
      if (!parsed.success) {
        const [issue] = parsed.issues;
        throw new PeelError('BAD_INPUT', `Argument check failed: ${issue.type}`, schemaDetail(issue.message));
      }
      return { ok: true, value: fn(...(parsed.output as Outputs<S>)) };
    } catch (thrown) {
      // A permission the person did not grant carries Google's page for it; a refusal that means the call ran as
      // another signed-in account has a fix the person can make.
      const consent = withConsentPage(thrown);
      const error = isPeelError(consent) ? consent : (wrongAccountFailure(consent) ?? consent);
      const described = describeError(error, personsWords());
      if (described.code === 'INTERNAL')
        console.error(redactKeys(error instanceof Error ? `${error.stack}` : String(error)));
      return { ok: false, error: described };
    }
  };
}
