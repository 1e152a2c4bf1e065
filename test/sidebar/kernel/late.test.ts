import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { type LateSource, late } from '../../../sidebar/kernel/late';
import { ServerError } from '../../../sidebar/kernel/rpc';

const GLOBAL = 'PeelPartUnderTest';
const scope = globalThis as unknown as Record<string, unknown>;

/** A part file as the build writes it, whose script leaves `exports` on the global. */
const partFile = (id: string, css = '.intro{margin:0}') =>
  `<style data-peel-part="${id}">${css}</style><script>var ${GLOBAL} = { Settings: "the settings view" };</script>\n`;

/** The server's answers in turn, and what the page was given: styles and scripts, in order. */
function source(answers: (string | Error)[], id = 'abc123') {
  const added: { tag: string; text: string }[] = [];
  let fetches = 0;
  const src: LateSource = {
    id,
    global: GLOBAL,
    fetch: async () => {
      const answer = answers[Math.min(fetches++, answers.length - 1)];
      if (answer instanceof Error) throw answer;
      return answer ?? '';
    },
    // The page runs a script element's text as a classic script: here, the same text run in the global scope.
    add: (tag, text) => {
      added.push({ tag, text });
      if (tag === 'script') vm.runInThisContext(text);
    },
  };
  return { src, added, fetches: () => fetches };
}

describe('the sidebar’s late part', () => {
  it('runs the part this bundle was built with, adds its styles, and asks the server only once', async () => {
    const { src, added, fetches } = source([partFile('abc123')]);
    const parts = late<{ Settings: string }>(src);
    expect(parts.now()).toBeNull();
    const [first, second] = await Promise.all([parts.load(), parts.load()]);
    expect(first).toEqual({ Settings: 'the settings view' });
    expect(second).toBe(first);
    expect(parts.now()).toBe(first);
    expect(await parts.load()).toBe(first);
    expect(fetches()).toBe(1);
    expect(added.map((a) => a.tag)).toEqual(['script', 'style']);
    expect(added[1]?.text).toBe('.intro{margin:0}');
    delete scope[GLOBAL];
  });

  it('refuses a part from another build without running it, and says to reopen the sidebar', async () => {
    const { src, added } = source([partFile('other-build')]);
    const error = await late(src)
      .load()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServerError);
    expect(error).toMatchObject({
      code: 'INTERNAL',
      message: 'Peel was updated while this sidebar was open.',
      action: 'Close the sidebar and open it again.',
    });
    expect(added).toEqual([]);
    expect(scope[GLOBAL]).toBeUndefined();
  });

  it('refuses text that is not a part', async () => {
    const { src, added } = source(['<p>Sign in to continue</p>']);
    await expect(late(src).load()).rejects.toMatchObject({ message: 'Peel was updated while this sidebar was open.' });
    expect(added).toEqual([]);
  });

  it('forgets a failed fetch, so the next load asks again', async () => {
    const down = new ServerError({ code: 'INTERNAL', message: 'The call to Google failed.', action: 'Try again.' });
    const { src, fetches } = source([down, partFile('abc123')]);
    const parts = late<{ Settings: string }>(src);
    await expect(parts.load()).rejects.toBe(down);
    expect(parts.now()).toBeNull();
    expect(await parts.load()).toEqual({ Settings: 'the settings view' });
    expect(fetches()).toBe(2);
    delete scope[GLOBAL];
  });

  it('says so when the part’s script left nothing, and keeps no styles for it', async () => {
    const { src, added } = source([
      `<style data-peel-part="abc123">.x{}</style><script>throw new Error('broken')</script>`,
    ]);
    // The page reports a throwing script element to window.onerror, not to whoever added it.
    src.add = (tag, text) => {
      added.push({ tag, text });
    };
    await expect(late(src).load()).rejects.toMatchObject({ message: 'This part of Peel did not start.' });
    expect(added.map((a) => a.tag)).toEqual(['script']);
  });
});
