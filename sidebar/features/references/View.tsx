import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { MAX_REFERENCE_PIXELS } from '../../../src/core/image-info';
import { MB, referenceLimits } from '../../../src/core/references';
import type { ReferenceRole } from '../../../src/shared/rpc';
import { type ChoiceSources, choices } from '../../kernel/model-choice';
import { Img } from '../../kernel/Picture';
import { Select } from '../../kernel/Select';
import { t } from '../../kernel/words';
import type { SessionState } from '../session/state';
import type { ReferencesActions } from './actions';
import { formatBytes, MAX_FILE_BYTES, MAX_REFERENCE_SIDE } from './files';
import { type Mode, type ReferencesState, ROLES, type TrayItem, trayBytes, trayLimit } from './state';

type Controller = { readonly references: ReferencesActions };

interface Props {
  readonly state: ChoiceSources & {
    readonly references: ReferencesState;
    readonly session: Pick<SessionState, 'host' | 'target'>;
  };
  readonly controller: Controller;
  /** Generate (Compose) or an edit of the selected picture (Thread): the picture is then image 1. */
  readonly mode: Mode;
  /**
   * What the late part draws here (Picker.tsx): the document's pictures to pick from, once asked for, and the
   * style-transfer buttons, once there are references. Both are used rarely.
   */
  readonly later?: (view: 'picker' | 'style') => ComponentChildren;
}

/** Only what Gemini reads; HEIC where this browser can decode it (otherwise the file gets a sentence). */
const ACCEPT = 'image/png,image/jpeg,image/webp,image/heic,image/heif,.heic,.heif';
const roleLabel = (role: ReferenceRole) =>
  t(role === 'subject' ? 'roleSubject' : role === 'style' ? 'roleStyle' : 'roleScene');

function PinForm({ item, n, controller, done }: { item: TrayItem; n: number; controller: Controller; done(): void }) {
  const [name, setName] = useState('');
  const id = `pin-name-${item.key}`;
  return (
    <form
      class="pin-form"
      onSubmit={(e) => {
        e.preventDefault();
        void controller.references.pin(item.key, name, item.role).then((ok) => ok && done());
      }}
    >
      <label class="field-label" htmlFor={id}>
        {t('pinName', { n, role: roleLabel(item.role) })}
      </label>
      <div class="quick-row">
        <input id={id} type="text" value={name} placeholder="Mira" onInput={(e) => setName(e.currentTarget.value)} />
        <button type="submit" class="button tonal" disabled={!name.trim()}>
          {t('pin')}
        </button>
        <button type="button" class="button text" onClick={done}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}

function Tile({ item, n, controller }: { item: TrayItem; n: number; controller: Controller }) {
  const [pinning, setPinning] = useState(false);
  const what = t('referenceN', { n, label: item.label });
  return (
    <li class="tray-item">
      <div class="tray-row">
        {item.thumb ? (
          <Img class="tray-thumb" picture={item.thumb} alt={t('referenceAlt', { n, label: item.label })} />
        ) : (
          <span class="tray-thumb tray-empty" role="img" aria-label={t('referenceLoading', { n, label: item.label })} />
        )}
        <div class="tray-body">
          <span class="tray-label">
            {n}. {item.label}
          </span>
          {item.name !== null ? (
            <span class="muted">{t('pinned', { role: roleLabel(item.role) })}</span>
          ) : (
            <Select
              aria-label={t('roleOf', { what })}
              value={item.role}
              options={ROLES.map((r) => [r.role, roleLabel(r.role)] as const)}
              onChange={(role) => controller.references.chooseRole(item.key, role as ReferenceRole)}
            />
          )}
        </div>
        <button
          type="button"
          class="icon-button"
          aria-label={t('removeWhat', { what })}
          title="Remove"
          data-refocus
          onClick={() => controller.references.remove(item.key)}
        >
          ×
        </button>
      </div>
      {item.name === null && item.handle && !pinning && (
        <button type="button" class="button text" onClick={() => setPinning(true)}>
          {t('pinWithName', { n })}
        </button>
      )}
      {pinning && <PinForm item={item} n={n} controller={controller} done={() => setPinning(false)} />}
    </li>
  );
}

function NamedChips({ state, controller }: Pick<Props, 'state' | 'controller'>) {
  const { named, tray } = state.references;
  if (named.length === 0) return null;
  return (
    <fieldset class="plain-set chips">
      <legend class="field-label">{t('namedReferences')}</legend>
      {named.map((n) => {
        const attached = tray.some((i) => i.name?.toLowerCase() === n.name.toLowerCase());
        return (
          <span key={n.name} class="chip">
            <button
              type="button"
              class="chip-name"
              aria-pressed={attached}
              title={t(n.pinnedBy === 'you' ? 'pinnedByYou' : 'pinnedByOther', { role: roleLabel(n.role) })}
              onClick={() => controller.references.attachNamed(n.name)}
            >
              @{n.name}
            </button>
            <button
              type="button"
              class="chip-remove"
              aria-label={t('unpin', { name: n.name })}
              title="Unpin"
              onClick={() => void controller.references.unpin(n.name)}
            >
              ×
            </button>
          </span>
        );
      })}
    </fieldset>
  );
}

/** The reference tray: where references come from, each one's role, pins, limits, and style transfer. */
export function References({ state, controller, mode, later }: Props) {
  const { references, session } = state;
  const { tray } = references;
  const [dragging, setDragging] = useState(false);
  const problemRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    // A refused file is said where the tray is, which may be below the fold: bring the sentence into view.
    if (references.problem) problemRef.current?.scrollIntoView?.({ block: 'nearest' });
  }, [references.problem]);
  const model = choices(state).model;
  const limit = trayLimit(state);
  const target = session.target;
  const selected = target?.images?.length ?? 0;
  const inputId = `reference-files-${mode}`;
  const files = (list: FileList | null | undefined) => void controller.references.addFiles(list ? [...list] : []);
  return (
    <section
      class={dragging ? 'references dragging' : 'references'}
      aria-labelledby={`references-heading-${mode}`}
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(e) => {
        e.preventDefault();
        setDragging(false);
        files(e.dataTransfer?.files);
      }}
    >
      <h2 class="references-heading" id={`references-heading-${mode}`}>
        {t('referenceImages', { n: tray.length, max: limit })}
      </h2>
      <p class="hint" id={`references-limits-${mode}`}>
        {model ? limitWords(model.displayName, model.maxReferenceImages) : ''}
        {tray.length > 0 ? ` ${t('inTray', { size: formatBytes(trayBytes(tray)) })}` : ''}
      </p>
      {selected >= 2 ? (
        <button type="button" class="button tonal" onClick={() => void controller.references.takeSelection()}>
          {t('useSelected', { n: selected })}
        </button>
      ) : (
        target?.image && (
          <button type="button" class="button tonal" onClick={() => void controller.references.takeSelection()}>
            {t('useAsReference')}
          </button>
        )
      )}
      {tray.length > 0 && (
        <ol class="tray" aria-label={t('tray')}>
          {tray.map((item, i) => (
            <Tile key={item.key} item={item} n={i + 1} controller={controller} />
          ))}
        </ol>
      )}
      {references.adding > 0 && <p class="hint">{t('adding', { n: references.adding })}</p>}
      {references.problem && (
        <p class="warning" role="alert" ref={problemRef}>
          {references.problem}
        </p>
      )}
      {tray.length > 0 && later?.('style')}
      <div class="quick-row">
        <label class="button outlined file-button" htmlFor={inputId}>
          {t('fromComputer')}
          <input
            id={inputId}
            class="file-input"
            type="file"
            accept={ACCEPT}
            multiple
            aria-describedby={`references-files-hint-${mode}`}
            onChange={(e) => {
              files(e.currentTarget.files);
              e.currentTarget.value = '';
            }}
          />
        </label>
        <button type="button" class="button outlined" onClick={() => void controller.references.listDocumentImages()}>
          {t(session.host === 'docs' ? 'fromDocument' : 'fromDeck')}
        </button>
      </div>
      <p class="hint" id={`references-files-hint-${mode}`}>
        {t('filesHint', {
          mb: MAX_FILE_BYTES / (1024 * 1024),
          mp: MAX_REFERENCE_PIXELS / 1_000_000,
          px: MAX_REFERENCE_SIDE,
        })}
      </p>
      {references.documentImages && later?.('picker')}
      <NamedChips state={state} controller={controller} />
      {tray.length > 1 && (
        <button type="button" class="button text" onClick={controller.references.clear}>
          {t('removeAll')}
        </button>
      )}
    </section>
  );
}

/** "Nano Banana takes up to 3 reference images, each up to 7 MB, and Peel sends at most 50 MB at once." */
function limitWords(model: string, maxReferenceImages: number): string {
  const { count, eachBytes, requestBytes } = referenceLimits(maxReferenceImages);
  return t('referenceLimits', { model, n: count, each: eachBytes / MB, total: requestBytes / MB });
}
