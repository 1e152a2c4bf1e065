/**
 * SlidesApp and DocumentApp for an execution. The real emulations live in `slides/index.ts`
 * (`createSlidesApp`) and `docs/index.ts` (`createDocumentApp`); while one of them is not written yet, a stub
 * with the same factory signature stands in, so the runtime and its tests work meanwhile: it has the Ui (which
 * is how Peel tells the editors apart) and refuses everything else.
 */
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { ScriptException } from './services/utilities';
import { FakeUi } from './ui';
import type { HostContext } from './world';

export type HostFactory = (ctx: HostContext) => object;

export interface HostFactories {
  readonly slides: HostFactory;
  readonly docs: HostFactory;
  /** Which of them are stubs. */
  readonly stubs: readonly ('slides' | 'docs')[];
}

class StubHostApp {
  constructor(
    private readonly ctx: HostContext,
    private readonly app: 'SlidesApp' | 'DocumentApp',
    private readonly kind: 'deck' | 'doc',
  ) {}

  getUi(): GoogleAppsScript.Base.Ui {
    if (this.ctx.document?.kind !== this.kind) {
      throw new ScriptException(`Cannot call ${this.app}.getUi() from this context.`);
    }
    return new FakeUi(this.ctx.ui) as unknown as GoogleAppsScript.Base.Ui;
  }

  getActivePresentation(): never {
    throw new ScriptException(`${this.app}.getActivePresentation is not emulated yet.`);
  }

  getActiveDocument(): never {
    throw new ScriptException(`${this.app}.getActiveDocument is not emulated yet.`);
  }
}

async function load(file: string, exportName: string): Promise<HostFactory | null> {
  const url = new URL(file, import.meta.url);
  if (!existsSync(url)) return null;
  // A variable specifier: the module may not exist yet when this file is type-checked.
  const mod = (await import(pathToFileURL(url.pathname).href)) as Record<string, unknown>;
  const factory = mod[exportName];
  if (typeof factory !== 'function') {
    throw new Error(`${file} does not export ${exportName}(ctx: HostContext)`);
  }
  return factory as HostFactory;
}

let loaded: Promise<HostFactories> | null = null;

export function hostFactories(): Promise<HostFactories> {
  loaded ??= (async () => {
    const slidesStub: HostFactory = (ctx) => new StubHostApp(ctx, 'SlidesApp', 'deck');
    const docsStub: HostFactory = (ctx) => new StubHostApp(ctx, 'DocumentApp', 'doc');
    const [slides, docs] = await Promise.all([
      load('./slides/index.ts', 'createSlidesApp'),
      load('./docs/index.ts', 'createDocumentApp'),
    ]);
    return {
      slides: slides ?? slidesStub,
      docs: docs ?? docsStub,
      stubs: [...(slides ? [] : ['slides' as const]), ...(docs ? [] : ['docs' as const])],
    };
  })();
  return loaded;
}
