import type { Ref } from 'preact';
import { t } from './words';

interface Props {
  readonly id: string;
  readonly label: string;
  readonly rows: number;
  readonly value: string;
  readonly placeholder: string;
  readonly invalid: boolean;
  readonly describedBy?: string;
  readonly boxRef: Ref<HTMLTextAreaElement>;
  readonly onInput: (value: string) => void;
  /** Ctrl+Enter (Cmd+Enter on a Mac): what the box is for, without reaching for the mouse. */
  readonly onSubmit: () => void;
}

/** What stays the same about a box: its id, label, size, example and hint. */
export type FieldText = Pick<Props, 'id' | 'label' | 'rows' | 'placeholder' | 'describedBy'>;

// Getters: the words are read when drawn, in the language the sidebar speaks by then.
export const PROMPT_FIELD: FieldText = {
  id: 'prompt',
  get label() {
    return t('prompt');
  },
  rows: 4,
  get placeholder() {
    return t('promptExample');
  },
  describedBy: 'prompt-hint',
};
export const INSTRUCTION_FIELD: FieldText = {
  id: 'instruction',
  get label() {
    return t('instruction');
  },
  rows: 3,
  get placeholder() {
    return t('instructionExample');
  },
};

/** A labelled text box whose Ctrl/Cmd+Enter submits: the prompt and the edit instruction. */
export function ShortcutBox({
  id,
  label,
  rows,
  value,
  placeholder,
  invalid,
  describedBy,
  boxRef,
  onInput,
  onSubmit,
}: Props) {
  return (
    <>
      <label class="field-label" htmlFor={id}>
        {label}
      </label>
      <textarea
        id={id}
        ref={boxRef}
        rows={rows}
        value={value}
        placeholder={placeholder}
        {...(describedBy ? { 'aria-describedby': describedBy } : {})}
        aria-invalid={invalid}
        aria-keyshortcuts="Control+Enter Meta+Enter"
        onInput={(e) => onInput(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            onSubmit();
          }
        }}
      />
    </>
  );
}
