"use client";

import { useTranslations } from "next-intl";
import { useActionState, useRef } from "react";
import { FormOutcome, SelectField } from "@/components/account/profile/field";
import { useFocusFirstError } from "@/components/account/profile/use-focus-first-error";
import { Button } from "@/components/ui/button";
import type { FormAction } from "@/lib/actions/types";
import type { LiftRestrictionState, RequestFormState } from "@/lib/requests/request-schema";

const control = "block w-full min-w-0 rounded-md border border-slate-500 bg-white px-3 py-2 text-base";

type Option = { value: string; label: string };

function errorsOf(state: RequestFormState | LiftRestrictionState): Record<string, string> {
  return state && !state.ok ? state.fieldErrors : {};
}

/** A multi-line field with its hint and error linked by aria-describedby (error first). */
function TextArea({
  id,
  label,
  hint,
  error,
  maxLength,
  required,
}: {
  id: string;
  label: string;
  hint: string;
  error?: string;
  maxLength: number;
  required?: boolean;
}) {
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block font-medium">
        {label}
      </label>
      <textarea
        id={id}
        name={id}
        rows={5}
        maxLength={maxLength}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={[error ? `${id}-error` : null, `${id}-hint`].filter(Boolean).join(" ")}
        className={control}
      />
      <p id={`${id}-hint`} className="text-sm text-slate-700">
        {hint}
      </p>
      {error ? (
        <p id={`${id}-error`} className="text-sm font-medium text-red-800">
          {error}
        </p>
      ) : null}
    </div>
  );
}

function Submit({ pending, label, pendingLabel }: { pending: boolean; label: string; pendingLabel: string }) {
  return (
    <Button type="submit" aria-disabled={pending} onClick={(e) => pending && e.preventDefault()}>
      {pending ? pendingLabel : label}
    </Button>
  );
}

export function RestrictionForm({ action, grounds }: { action: FormAction<RequestFormState>; grounds: Option[] }) {
  const t = useTranslations("requests.restriction");
  const [state, formAction, pending] = useActionState<RequestFormState, FormData>(action, null);
  const form = useRef<HTMLFormElement>(null);
  useFocusFirstError(form, state);
  const errors = errorsOf(state);
  return (
    <form ref={form} action={formAction} noValidate className="space-y-5">
      <fieldset
        className="space-y-2"
        aria-describedby={errors.ground ? "ground-error" : undefined}
        aria-invalid={errors.ground ? true : undefined}
      >
        <legend className="font-medium">{t("groundLegend")}</legend>
        {grounds.map((ground, i) => (
          <div key={ground.value} className="flex items-start gap-2">
            <input
              type="radio"
              id={`ground-${ground.value}`}
              name="ground"
              value={ground.value}
              required
              aria-invalid={i === 0 && errors.ground ? true : undefined}
              className="mt-1 size-5 shrink-0 accent-brand-700"
            />
            <label htmlFor={`ground-${ground.value}`}>{ground.label}</label>
          </div>
        ))}
        {errors.ground ? (
          <p id="ground-error" className="text-sm font-medium text-red-800">
            {errors.ground}
          </p>
        ) : null}
      </fieldset>
      <TextArea id="reason" label={t("reasonLabel")} hint={t("reasonHint")} error={errors.reason} maxLength={1000} />
      <FormOutcome id="restriction-form-error" state={state && !state.ok ? state : null} formError={undefined} />
      <Submit pending={pending} label={t("submit")} pendingLabel={t("submitting")} />
    </form>
  );
}

export type ObjectionPurpose = { key: string; name: string; inUse: boolean };

export function ObjectionForm({
  action,
  groups,
}: {
  action: FormAction<RequestFormState>;
  groups: { heading: string; purposes: ObjectionPurpose[] }[];
}) {
  const t = useTranslations("requests.objection");
  const [state, formAction, pending] = useActionState<RequestFormState, FormData>(action, null);
  const form = useRef<HTMLFormElement>(null);
  useFocusFirstError(form, state);
  const errors = errorsOf(state);
  return (
    <form ref={form} action={formAction} noValidate className="space-y-5">
      <fieldset className="space-y-4" aria-describedby={errors.purposeKeys ? "purposeKeys-error" : undefined}>
        <legend className="font-medium">{t("purposesLegend")}</legend>
        {groups
          .filter((g) => g.purposes.length > 0)
          .map((group, g) => (
            <div key={group.heading} className="space-y-2">
              <p className="text-sm font-semibold text-slate-700">{group.heading}</p>
              {group.purposes.map((purpose, i) => (
                <div key={purpose.key} className="flex items-start gap-2">
                  <input
                    type="checkbox"
                    id={`object-${purpose.key}`}
                    name="purposeKeys"
                    value={purpose.key}
                    aria-invalid={g === 0 && i === 0 && errors.purposeKeys ? true : undefined}
                    aria-describedby={purpose.inUse ? undefined : `object-${purpose.key}-off`}
                    className="mt-1 size-5 shrink-0 accent-brand-700"
                  />
                  <label htmlFor={`object-${purpose.key}`}>
                    {purpose.name}
                    {purpose.inUse ? null : (
                      <span id={`object-${purpose.key}-off`} className="ml-2 text-sm text-slate-700">
                        ({t("alreadyOff")})
                      </span>
                    )}
                  </label>
                </div>
              ))}
            </div>
          ))}
        {errors.purposeKeys ? (
          <p id="purposeKeys-error" className="text-sm font-medium text-red-800">
            {errors.purposeKeys}
          </p>
        ) : null}
      </fieldset>
      <TextArea id="reason" label={t("reasonLabel")} hint={t("reasonHint")} error={errors.reason} maxLength={1000} />
      <FormOutcome id="objection-form-error" state={state && !state.ok ? state : null} />
      <Submit pending={pending} label={t("submit")} pendingLabel={t("submitting")} />
    </form>
  );
}

export function RectificationForm({
  action,
  categories,
}: {
  action: FormAction<RequestFormState>;
  categories: Option[];
}) {
  const t = useTranslations("requests.rectification");
  const [state, formAction, pending] = useActionState<RequestFormState, FormData>(action, null);
  const form = useRef<HTMLFormElement>(null);
  useFocusFirstError(form, state);
  const errors = errorsOf(state);
  return (
    <form ref={form} action={formAction} noValidate className="space-y-5">
      <SelectField
        id="category"
        name="category"
        label={t("categoryLabel")}
        options={categories}
        error={errors.category}
      />
      <TextArea
        id="description"
        label={t("descriptionLabel")}
        hint={t("descriptionHint")}
        error={errors.description}
        maxLength={2000}
        required
      />
      <FormOutcome id="rectification-form-error" state={state && !state.ok ? state : null} />
      <Submit pending={pending} label={t("submit")} pendingLabel={t("submitting")} />
    </form>
  );
}

export function LiftRestrictionForm({
  action,
  requestId,
}: {
  action: FormAction<LiftRestrictionState>;
  requestId: string;
}) {
  const t = useTranslations("requests.restriction");
  const [state, formAction, pending] = useActionState<LiftRestrictionState, FormData>(action, null);
  return (
    <form action={formAction} className="space-y-2">
      <input type="hidden" name="requestId" value={requestId} />
      {state && !state.ok ? (
        <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-900">
          {state.message}
        </p>
      ) : null}
      <Button type="submit" variant="secondary" aria-disabled={pending} onClick={(e) => pending && e.preventDefault()}>
        {pending ? t("lifting") : t("lift")}
      </Button>
    </form>
  );
}
