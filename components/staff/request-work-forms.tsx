"use client";

import { useTranslations } from "next-intl";
import { useActionState, useRef } from "react";
import { Button } from "@/components/ui/button";
import { FormOutcome, SelectField, TextAreaField, TextField } from "@/components/ui/field";
import { useFocusFirstError } from "@/components/ui/use-focus-first-error";
import type { FormAction } from "@/lib/actions/types";
import type { StaffFormState } from "@/lib/requests/staff-form-state";

type Option = { value: string; label: string };

function useStaffForm(action: FormAction<StaffFormState>) {
  const [state, formAction, pending] = useActionState<StaffFormState, FormData>(action, null);
  const form = useRef<HTMLFormElement>(null);
  useFocusFirstError(form, state);
  const refused = state && !state.ok ? state : null;
  return { state, formAction, pending, form, refused, errors: refused?.fieldErrors ?? {}, sent: refused?.values ?? {} };
}

function Submit({
  pending,
  label,
  pendingLabel,
  variant,
}: {
  pending: boolean;
  label: string;
  pendingLabel: string;
  variant?: "primary" | "secondary";
}) {
  return (
    <Button type="submit" variant={variant} aria-disabled={pending} onClick={(e) => pending && e.preventDefault()}>
      {pending ? pendingLabel : label}
    </Button>
  );
}

/** "Assign to me": one button; the outcome is announced. */
export function AssignForm({ action, requestId }: { action: FormAction<StaffFormState>; requestId: string }) {
  const t = useTranslations("supportRequests.assign");
  const { state, formAction, pending, refused } = useStaffForm(action);
  return (
    <form action={formAction} className="space-y-2">
      <input type="hidden" name="requestId" value={requestId} />
      <Submit pending={pending} label={t("submit")} pendingLabel={t("submitting")} variant="secondary" />
      <FormOutcome
        id="assign-error"
        state={refused ?? (state?.ok ? { ok: true, message: state.message ?? "" } : null)}
      />
    </form>
  );
}

/** A status change with a note the customer reads; only the statuses the page offers. */
export function StatusForm({
  action,
  requestId,
  statuses,
}: {
  action: FormAction<StaffFormState>;
  requestId: string;
  statuses: Option[];
}) {
  const t = useTranslations("supportRequests.status");
  const { state, formAction, pending, form, refused, errors, sent } = useStaffForm(action);
  return (
    <form ref={form} action={formAction} noValidate className="space-y-4">
      <input type="hidden" name="requestId" value={requestId} />
      <SelectField
        id="status-to"
        name="to"
        label={t("toLabel")}
        placeholder={t("choose")}
        options={statuses}
        error={errors.to}
        defaultValue={sent.to ?? ""}
      />
      <TextAreaField
        id="status-note"
        name="note"
        label={t("noteLabel")}
        hint={t("noteHint")}
        error={errors.note}
        maxLength={1000}
        rows={3}
        defaultValue={sent.note}
      />
      <FormOutcome
        id="status-form-error"
        state={refused ?? (state?.ok ? { ok: true, message: state.message ?? "" } : null)}
        formError={errors.form}
      />
      <Submit pending={pending} label={t("submit")} pendingLabel={t("submitting")} />
    </form>
  );
}

/** The one extension of a deadline, with a reason the customer reads. */
export function ExtendForm({
  action,
  requestId,
  months,
}: {
  action: FormAction<StaffFormState>;
  requestId: string;
  months: Option[];
}) {
  const t = useTranslations("supportRequests.extend");
  const { state, formAction, pending, form, refused, errors, sent } = useStaffForm(action);
  return (
    <form ref={form} action={formAction} noValidate className="space-y-4">
      <input type="hidden" name="requestId" value={requestId} />
      <SelectField
        id="extend-months"
        name="months"
        label={t("monthsLabel")}
        options={months}
        error={errors.months}
        defaultValue={sent.months ?? "1"}
      />
      <TextAreaField
        id="extend-reason"
        name="reason"
        label={t("reasonLabel")}
        hint={t("reasonHint")}
        error={errors.reason}
        maxLength={1000}
        rows={3}
        required
        defaultValue={sent.reason}
      />
      <FormOutcome
        id="extend-form-error"
        state={refused ?? (state?.ok ? { ok: true, message: state.message ?? "" } : null)}
        formError={errors.form}
      />
      <Submit pending={pending} label={t("submit")} pendingLabel={t("submitting")} variant="secondary" />
    </form>
  );
}

/** "Retry" for one failed job, named by its row for screen readers. */
export function RetryJobForm({
  action,
  jobId,
  label,
}: {
  action: FormAction<StaffFormState>;
  jobId: string;
  /** The button's accessible name: which job, for whom. */
  label: string;
}) {
  const t = useTranslations("supportRequests.failedJobs");
  const { state, formAction, pending } = useStaffForm(action);
  return (
    <form action={formAction} className="space-y-1">
      <input type="hidden" name="jobId" value={jobId} />
      <Button
        type="submit"
        variant="secondary"
        aria-label={label}
        aria-disabled={pending}
        onClick={(e) => pending && e.preventDefault()}
      >
        {pending ? t("retrying") : t("retry")}
      </Button>
      <p role="status" className="text-sm">
        {state?.message ?? ""}
      </p>
    </form>
  );
}

/** Carrying out a rectification of a name or phone: the corrected value, and a note. */
export function RectifyForm({
  action,
  requestId,
  fields,
}: {
  action: FormAction<StaffFormState>;
  requestId: string;
  fields: Option[];
}) {
  const t = useTranslations("supportRequests.rectify");
  const { state, formAction, pending, form, refused, errors, sent } = useStaffForm(action);
  return (
    <form ref={form} action={formAction} noValidate className="space-y-4">
      <input type="hidden" name="requestId" value={requestId} />
      <SelectField
        id="rectify-field"
        name="field"
        label={t("fieldLabel")}
        placeholder={t("choose")}
        options={fields}
        error={errors.field}
        defaultValue={sent.field ?? ""}
      />
      <TextField
        id="rectify-value"
        name="value"
        label={t("valueLabel")}
        hint={t("valueHint")}
        error={errors.value}
        maxLength={200}
        autoComplete="off"
        defaultValue={sent.value}
      />
      <TextAreaField
        id="rectify-note"
        name="note"
        label={t("noteLabel")}
        error={errors.note}
        maxLength={1000}
        rows={2}
        defaultValue={sent.note}
      />
      <FormOutcome
        id="rectify-form-error"
        state={refused ?? (state?.ok ? { ok: true, message: state.message ?? "" } : null)}
        formError={errors.form}
      />
      <Submit pending={pending} label={t("submit")} pendingLabel={t("submitting")} />
    </form>
  );
}
