/**
 * HtmlService: HTML files come from the build's output folder, as clasp pushes them (`Sidebar.html` is
 * `createHtmlOutputFromFile('Sidebar')`). The Ui fakes read a shown HtmlOutput through getTitle/getContent and
 * the size getters.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { FakeBlob } from './blob';
import { ScriptException } from './utilities';

type HtmlOutput = GoogleAppsScript.HTML.HtmlOutput;

export const SANDBOX_MODE = Object.freeze({ EMULATED: 'EMULATED', IFRAME: 'IFRAME', NATIVE: 'NATIVE' });
export const X_FRAME_OPTIONS_MODE = Object.freeze({ ALLOWALL: 'ALLOWALL', DEFAULT: 'DEFAULT' });

/** A dialog's initial size when the script sets none (inferred from the editors' default dialog). */
export const DEFAULT_WIDTH = 600;
export const DEFAULT_HEIGHT = 400;

export class FakeHtmlOutput
  implements
    Pick<
      HtmlOutput,
      | 'append'
      | 'appendUntrusted'
      | 'clear'
      | 'getAs'
      | 'getBlob'
      | 'getContent'
      | 'getFaviconUrl'
      | 'getHeight'
      | 'getTitle'
      | 'getWidth'
      | 'setContent'
      | 'setFaviconUrl'
      | 'setHeight'
      | 'setSandboxMode'
      | 'setTitle'
      | 'setWidth'
      | 'setXFrameOptionsMode'
    >
{
  private title = '';
  private width = DEFAULT_WIDTH;
  private height = DEFAULT_HEIGHT;
  private favicon = '';

  constructor(private content = '') {}

  append(addedContent: string): HtmlOutput {
    this.content += String(addedContent);
    return this.self();
  }

  appendUntrusted(addedContent: string): HtmlOutput {
    const escaped = String(addedContent).replace(
      /[&<>"']/g,
      (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
    );
    return this.append(escaped);
  }

  clear(): HtmlOutput {
    this.content = '';
    return this.self();
  }

  getAs(contentType: string): GoogleAppsScript.Base.Blob {
    return this.getBlob().getAs(contentType);
  }

  getBlob(): GoogleAppsScript.Base.Blob {
    const bytes = new Uint8Array(Buffer.from(this.content, 'utf8'));
    return new FakeBlob(bytes, 'text/html', this.title || null) as unknown as GoogleAppsScript.Base.Blob;
  }

  getContent(): string {
    return this.content;
  }

  getFaviconUrl(): string {
    return this.favicon;
  }

  getHeight(): number {
    return this.height;
  }

  getTitle(): string {
    return this.title;
  }

  getWidth(): number {
    return this.width;
  }

  setContent(content: string): HtmlOutput {
    this.content = String(content);
    return this.self();
  }

  setFaviconUrl(iconUrl: string): HtmlOutput {
    this.favicon = String(iconUrl);
    return this.self();
  }

  setHeight(height: number): HtmlOutput {
    this.height = Number(height);
    return this.self();
  }

  /** No effect: every sandbox is IFRAME now. */
  setSandboxMode(_mode: GoogleAppsScript.HTML.SandboxMode): HtmlOutput {
    return this.self();
  }

  setTitle(title: string): HtmlOutput {
    this.title = String(title);
    return this.self();
  }

  setWidth(width: number): HtmlOutput {
    this.width = Number(width);
    return this.self();
  }

  setXFrameOptionsMode(_mode: GoogleAppsScript.HTML.XFrameOptionsMode): HtmlOutput {
    return this.self();
  }

  private self(): HtmlOutput {
    return this as unknown as HtmlOutput;
  }
}

export class FakeHtmlService
  implements
    Pick<
      GoogleAppsScript.HTML.HtmlService,
      'SandboxMode' | 'XFrameOptionsMode' | 'createHtmlOutput' | 'createHtmlOutputFromFile' | 'getUserAgent'
    >
{
  readonly SandboxMode = SANDBOX_MODE as unknown as typeof GoogleAppsScript.HTML.SandboxMode;
  readonly XFrameOptionsMode = X_FRAME_OPTIONS_MODE as unknown as typeof GoogleAppsScript.HTML.XFrameOptionsMode;

  constructor(private readonly distDir: string) {}

  createHtmlOutput(html?: string | GoogleAppsScript.Base.BlobSource): HtmlOutput {
    let content = '';
    if (typeof html === 'string') content = html;
    else if (html instanceof FakeBlob) content = html.getDataAsString();
    else if (html !== undefined && html !== null) throw new ScriptException('Invalid argument: html');
    return new FakeHtmlOutput(content) as unknown as HtmlOutput;
  }

  createHtmlOutputFromFile(filename: string): HtmlOutput {
    const name = String(filename).replace(/\.html$/, '');
    let content: string;
    try {
      content = readFileSync(path.join(this.distDir, `${name}.html`), 'utf8');
    } catch {
      throw new ScriptException(`No HTML file named ${name} was found.`);
    }
    return new FakeHtmlOutput(content) as unknown as HtmlOutput;
  }

  getUserAgent(): string {
    return 'Mozilla/5.0 (peel local runtime)';
  }
}
