import type { Ref } from 'preact';

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

export const PROMPT_FIELD: FieldText = {
  id: 'prompt',
  label: 'Prompt',
  rows: 4,
  placeholder: 'Describe the image',
  describedBy: 'prompt-hint',
};
export const INSTRUCTION_FIELD: FieldText = {
  id: 'instruction',
  label: 'What should change',
  rows: 3,
  placeholder: 'Make the sky more dramatic',
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
