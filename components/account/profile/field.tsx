import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes } from "react";

const control = "block w-full min-w-0 rounded-md border border-slate-500 bg-white px-3 py-2 text-base";

type FieldProps = { id: string; label: string; error?: string; hint?: string };

/** Hint and error ids for aria-describedby; the error comes first so it is read first. */
function describedBy({ id, error, hint }: FieldProps) {
  return [error ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(" ") || undefined;
}

function Frame({ id, label, error, hint, children }: FieldProps & { children: ReactNode }) {
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block font-medium">
        {label}
      </label>
      {children}
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
    </div>
  );
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
      <input
        id={id}
        type="text"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy({ id, label, error, hint })}
        className={control}
        {...input}
      />
    </Frame>
  );
}

export function SelectField({
  id,
  label,
  error,
  hint,
  options,
  ...select
}: FieldProps & Omit<SelectHTMLAttributes<HTMLSelectElement>, "id"> & { options: { value: string; label: string }[] }) {
  return (
    <Frame id={id} label={label} error={error} hint={hint}>
      <select
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy({ id, label, error, hint })}
        className={control}
        {...select}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </Frame>
  );
}

/** The outcome of a form: a status for success, an alert for a failure not tied to one field. */
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
          {formError ? ` ${formError}` : null}
        </p>
      ) : null}
    </>
  );
}
