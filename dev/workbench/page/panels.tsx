/**
 * What surrounds the document: the add-on's sidebar (the real Sidebar.html in a 300 px iframe), a dialog if
 * the add-on opened one, alerts, and the executions drawer that shows each server call with its service
 * calls and outgoing requests.
 */
import type { Ref } from 'preact';
import { useState } from 'preact/hooks';
import type { DialogView, DocumentStoreUse, ExecutionView, FetchView, PanelView } from '../protocol';

/**
 * Apps Script's sandbox flags for HtmlService iframes, without allow-same-origin: as in Google, the add-on's
 * page shares no origin with the editor, so it cannot read the page, its storage or /rpc (page/relay.ts).
 */
export const SANDBOX =
  'allow-scripts allow-forms allow-popups allow-modals allow-downloads allow-popups-to-escape-sandbox';

interface SidebarProps {
  readonly sidebar: PanelView;
  readonly frameRef: Ref<HTMLIFrameElement>;
  readonly onClose: () => void;
}

export function Sidebar({ sidebar, frameRef, onClose }: SidebarProps) {
  return (
    <aside class="sidebar" aria-label={`${sidebar.title} sidebar`}>
      <header class="sidebar-header">
        <h2>{sidebar.title}</h2>
        <button type="button" class="icon-button" aria-label="Close sidebar" onClick={onClose}>
          ×
        </button>
      </header>
      <iframe key={sidebar.src} ref={frameRef} src={sidebar.src} title={sidebar.title} sandbox={SANDBOX} />
    </aside>
  );
}

interface DialogProps {
  readonly dialog: DialogView;
  readonly frameRef: Ref<HTMLIFrameElement>;
  readonly onClose: () => void;
}

export function Dialog({ dialog, frameRef, onClose }: DialogProps) {
  return (
    <div class="dialog-backdrop">
      <div class="dialog" role="dialog" aria-modal="true" aria-label={dialog.title}>
        <header class="sidebar-header">
          <h2>{dialog.title}</h2>
          <button type="button" class="icon-button" aria-label="Close dialog" onClick={onClose}>
            ×
          </button>
        </header>
        <iframe
          key={dialog.src}
          ref={frameRef}
          src={dialog.src}
          title={dialog.title}
          sandbox={SANDBOX}
          style={{ width: `${dialog.width}px`, height: `${dialog.height}px` }}
        />
      </div>
    </div>
  );
}

export function Alerts({ alerts, onDismiss }: { alerts: readonly string[]; onDismiss: () => void }) {
  if (alerts.length === 0) return null;
  return (
    <div class="alerts" role="alert">
      {alerts.map((text, i) => (
        <p key={`${i}${text}`}>{text}</p>
      ))}
      <button type="button" onClick={onDismiss}>
        OK
      </button>
    </div>
  );
}

function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(2)} MB`;
}

function duration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

/** Keys travel in the query string (?key=…); never show one on screen. */
function place(raw: string): string {
  try {
    const url = new URL(raw);
    for (const k of [...url.searchParams.keys()]) if (k.toLowerCase() === 'key') url.searchParams.set(k, '…');
    return `${url.host}${url.pathname}${url.search}`;
  } catch {
    return raw;
  }
}

function FetchLine({ fetch }: { fetch: FetchView }) {
  const failed = fetch.error !== undefined || fetch.status === null || fetch.status >= 400;
  return (
    <li class={failed ? 'failed' : undefined}>
      <span class="method">{fetch.method}</span> <span class="status">{fetch.status ?? 'ERR'}</span>{' '}
      <span class="url">{place(fetch.url)}</span>{' '}
      <span class="muted">
        ↑{bytes(fetch.requestBytes)} ↓{bytes(fetch.responseBytes)} · {duration(fetch.durationMs)}
        {fetch.error ? ` · ${fetch.error}` : ''}
      </span>
      {fetch.sentTo && <span class="sent-to muted">→ sent to {place(fetch.sentTo)}</span>}
    </li>
  );
}

function ExecutionRow({ execution }: { execution: ExecutionView }) {
  const services = Object.entries(execution.serviceCalls).sort((a, b) => b[1] - a[1]);
  const time = new Date(execution.startedAt).toLocaleTimeString([], { hour12: false });
  return (
    <tr class={`status-${execution.status}`}>
      <td class="muted">{time}</td>
      <td>
        <code>{execution.functionName}</code>
      </td>
      <td>
        {execution.trigger} <span class="muted">{execution.authMode}</span>
        <span class="muted"> · {execution.user}</span>
      </td>
      <td>
        <span class={`pill pill-${execution.status}`}>
          {execution.status === 'running' ? 'running…' : execution.status}
        </span>
      </td>
      <td class="num">
        {execution.status === 'running' ? '' : duration(execution.durationMs)}
        {execution.queuedMs > 0 && <span class="muted"> (queued {duration(execution.queuedMs)})</span>}
      </td>
      <td>
        {services.length === 0 ? (
          <span class="muted">none</span>
        ) : (
          <ul class="services">
            {services.map(([name, count]) => (
              <li key={name}>
                {name} <span class="muted">×{count}</span>
              </li>
            ))}
          </ul>
        )}
      </td>
      <td>
        {execution.fetches.length === 0 ? (
          <span class="muted">none</span>
        ) : (
          <ul class="fetches">
            {execution.fetches.map((f, i) => (
              <FetchLine key={`${i}${f.url}`} fetch={f} />
            ))}
          </ul>
        )}
        {execution.error && <p class="error">{execution.error}</p>}
        {execution.logs.length > 0 && (
          <details>
            <summary>Logs ({execution.logs.length})</summary>
            <pre>{execution.logs.join('\n')}</pre>
          </details>
        )}
      </td>
    </tr>
  );
}

/** Peel's use of the document's property store against Apps Script's 500 KB limit, after the last execution. */
export function StoreUse({ use }: { use: DocumentStoreUse }) {
  const share = (use.bytes / use.limitBytes) * 100;
  return (
    <output class={`store-use${share >= 80 ? ' warn' : ''}`} aria-label="Document properties used">
      Document properties: {bytes(use.bytes)} of {bytes(use.limitBytes)} ({share.toFixed(share < 10 ? 1 : 0)}%) ·{' '}
      {use.keys} {use.keys === 1 ? 'key' : 'keys'}
    </output>
  );
}

export function Executions({
  executions,
  documentStore,
}: {
  executions: readonly ExecutionView[];
  documentStore: DocumentStoreUse;
}) {
  const [open, setOpen] = useState(true);
  const running = executions.filter((e) => e.status === 'running').length;
  return (
    <section class={`executions${open ? ' open' : ''}`} aria-label="Executions">
      <header>
        <button type="button" aria-expanded={open} aria-controls="executions-table" onClick={() => setOpen(!open)}>
          Executions ({executions.length - running}){running > 0 ? ` · ${running} running` : ''}
        </button>
        <StoreUse use={documentStore} />
      </header>
      {open && (
        <div class="executions-scroll" id="executions-table">
          {executions.length === 0 ? (
            <p class="muted">No server calls yet.</p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th scope="col">Started</th>
                  <th scope="col">Function</th>
                  <th scope="col">Trigger</th>
                  <th scope="col">Status</th>
                  <th scope="col">Duration</th>
                  <th scope="col">Service calls</th>
                  <th scope="col">Requests</th>
                </tr>
              </thead>
              <tbody>
                {executions.map((e) => (
                  <ExecutionRow key={e.id} execution={e} />
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
    </section>
  );
}
