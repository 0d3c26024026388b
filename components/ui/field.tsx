import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";

// One field markup for every form: the label, the control, its hint and its error, with the
// error linked by aria-describedby (read first) and shown once, under the field.

type FieldProps = { id: string; label: string; error?: string; hint?: string };

/** Error and hint ids for aria-describedby; the error comes first so it is read first. */
export function describedBy({ id, error, hint }: Pick<FieldProps, "id" | "error" | "hint">) {
  return [error ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(" ") || undefined;
}

function HintAndError({ id, error, hint }: Pick<FieldProps, "id" | "error" | "hint">) {
  return (
    <>
      {hint ? (
        <p id={`${id}-hint`} className="text-sm text-slate-700">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="text-sm font-medium text-red-800">
          {error}
        </p>
      ) : null}
    </>
  );
}

function Frame({ id, label, error, hint, children }: FieldProps & { children: ReactNode }) {
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block font-medium">
        {label}
      </label>
      {children}
      <HintAndError id={id} error={error} hint={hint} />
    </div>
  );
}

function controlProps({ id, error, hint }: FieldProps) {
  return { id, "aria-invalid": error ? true : undefined, "aria-describedby": describedBy({ id, error, hint }) };
}

export function TextField({
  id,
  label,
  error,
  hint,
  ...input
}: FieldProps & Omit<InputHTMLAttributes<HTMLInputElement>, "id">) {
  return (
    <Frame id={id} label={label} error={error} hint={hint}>
      <input type="text" {...controlProps({ id, label, error, hint })} className="input" {...input} />
    </Frame>
  );
}

export function TextAreaField({
  id,
  label,
  error,
  hint,
  ...textarea
}: FieldProps & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "id">) {
  return (
    <Frame id={id} label={label} error={error} hint={hint}>
      <textarea rows={5} {...controlProps({ id, label, error, hint })} className="input" {...textarea} />
    </Frame>
  );
}

/**
 * A select. With `placeholder` it starts on an empty "Choose…" option, so nothing is chosen
 * for the person: the form's schema refuses the empty value with its own message.
 */
export function SelectField({
  id,
  label,
  error,
  hint,
  options,
  placeholder,
  ...select
}: FieldProps &
  Omit<SelectHTMLAttributes<HTMLSelectElement>, "id"> & {
    options: { value: string; label: string }[];
    placeholder?: string;
  }) {
  return (
    <Frame id={id} label={label} error={error} hint={hint}>
      <select
        {...controlProps({ id, label, error, hint })}
        className="input"
        {...(placeholder && select.defaultValue === undefined ? { defaultValue: "" } : {})}
        {...select}
      >
        {placeholder ? <option value="">{placeholder}</option> : null}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </Frame>
  );
}

/** Radios or checkboxes under a legend, with the group's hint and error (see `Choice`). */
export function ChoiceGroup({
  id,
  legend,
  error,
  hint,
  className = "space-y-2",
  children,
}: {
  id: string;
  legend: string;
  error?: string;
  hint?: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <fieldset className={className} aria-describedby={describedBy({ id, error, hint })}>
      <legend className="font-medium">{legend}</legend>
      {children}
      <HintAndError id={id} error={error} hint={hint} />
    </fieldset>
  );
}

/**
 * A group of radios from a list of options: after a refusal the sent value is checked
 * again, and the first radio carries the group's error (ids are `<id>-<value>`).
 */
export function RadioGroup({
  id,
  legend,
  options,
  error,
  hint,
  checked,
  required,
}: {
  id: string;
  legend: string;
  options: readonly { value: string; label: string; note?: string }[];
  error?: string;
  hint?: string;
  /** The value sent with a refused form. */
  checked?: string;
  required?: boolean;
}) {
  return (
    <ChoiceGroup id={id} legend={legend} error={error} hint={hint}>
      {options.map((option, i) => (
        <Choice
          key={option.value}
          type="radio"
          id={`${id}-${option.value}`}
          name={id}
          value={option.value}
          label={option.label}
          note={option.note}
          required={required}
          defaultChecked={checked === option.value}
          invalid={i === 0 && Boolean(error)}
        />
      ))}
    </ChoiceGroup>
  );
}

/**
 * One radio or checkbox with its label. `invalid` marks the first choice of a refused group,
 * so that focus goes there; the group's error is read with its legend.
 */
export function Choice({
  id,
  label,
  note,
  invalid,
  ...input
}: Omit<InputHTMLAttributes<HTMLInputElement>, "id"> & {
  id: string;
  label: string;
  /** A remark after the label, read as the choice's description. */
  note?: string;
  invalid?: boolean;
}) {
  return (
    <div className="flex items-start gap-2">
      <input
        id={id}
        aria-invalid={invalid ? true : undefined}
        aria-describedby={note ? `${id}-note` : undefined}
        className="mt-1 size-5 shrink-0 accent-brand-700"
        {...input}
      />
      <label htmlFor={id}>
        {label}
        {note ? (
          <span id={`${id}-note`} className="ml-2 text-sm text-slate-700">
            ({note})
          </span>
        ) : null}
      </label>
    </div>
  );
}

/**
 * The outcome of a form: a status for success, an alert for a refusal. The alert says only
 * that something needs fixing (and any refusal of the form as a whole); each field's own
 * error is under that field, never repeated here.
 */
export function FormOutcome({
  id,
  state,
  formError,
}: {
  id: string;
  state: { ok: boolean; message: string } | null;
  /** A refusal of the form as a whole (e.g. a field the form does not have). */
  formError?: string;
}) {
  return (
    <>
      <p role="status" className="text-sm font-medium text-brand-900">
        {state?.ok ? state.message : ""}
      </p>
      {state && !state.ok ? (
        <p id={id} role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-900">
          {state.message}
          {formError && formError !== state.message ? ` ${formError}` : null}
        </p>
      ) : null}
    </>
  );
}
