import type { ComponentChildren } from 'preact';
import { MAX_VARIANTS } from './model-choice';
import { t } from './words';

interface Props {
  readonly id?: string;
  /** The visible label; a select without one is named by `aria-label`. */
  readonly label?: ComponentChildren;
  readonly 'aria-label'?: string;
  readonly value: string;
  /** Each option's value, with its words where they differ from it. */
  readonly options: readonly (string | readonly [string, string])[];
  readonly disabled?: boolean;
  readonly onChange: (value: string) => void;
}

/** A labelled drop-down: every picker in the sidebar (model, ratio, size, variants, roles, versions). */
export function Select({ id, label, options, onChange, ...rest }: Props) {
  return (
    <>
      {label && (
        <label class="field-label" htmlFor={id}>
          {label}
        </label>
      )}
      <select id={id} onChange={(e) => onChange(e.currentTarget.value)} {...rest}>
        {options.map((option) => {
          const [value, words] = typeof option === 'string' ? [option, option] : option;
          return (
            <option key={value} value={value}>
              {words}
            </option>
          );
        })}
      </select>
    </>
  );
}

const VARIANT_COUNTS = Array.from({ length: MAX_VARIANTS }, (_, i) => String(i + 1));

/** How many variants a Generate or an Edit asks for. */
export function VariantsSelect({ id, value, onChange }: { id: string; value: number; onChange: (n: number) => void }) {
  return (
    <Select
      id={id}
      label={t('variants')}
      value={String(value)}
      options={VARIANT_COUNTS}
      onChange={(n) => onChange(Number(n))}
    />
  );
}
