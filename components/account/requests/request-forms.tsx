"use client";

import { useTranslations } from "next-intl";
import { useActionState, useRef } from "react";
import { Choice, ChoiceGroup, FormOutcome, RadioGroup, SelectField, TextAreaField } from "@/components/ui/field";
import { useFocusFirstError } from "@/components/ui/use-focus-first-error";
import { Button } from "@/components/ui/button";
import type { FormAction } from "@/lib/actions/types";
import type { LiftRestrictionState, RequestFormState } from "@/lib/requests/request-schema";

type Option = { value: string; label: string };

function refusalOf(state: RequestFormState) {
  return state && !state.ok ? state : null;
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
  const refused = refusalOf(state);
  const errors = refused?.fieldErrors ?? {};
  const sent = refused?.values ?? {};
  return (
    <form ref={form} action={formAction} noValidate className="space-y-5">
      <RadioGroup
        id="ground"
        legend={t("groundLegend")}
        options={grounds}
        error={errors.ground}
        checked={sent.ground}
        required
      />
      <TextAreaField
        id="reason"
        name="reason"
        label={t("reasonLabel")}
        hint={t("reasonHint")}
        error={errors.reason}
        maxLength={1000}
        defaultValue={sent.reason}
      />
      <FormOutcome id="restriction-form-error" state={refused} formError={errors.form} />
      <Submit pending={pending} label={t("submit")} pendingLabel={t("submitting")} />
    </form>
  );
}

export type ObjectionPurpose = { key: string; name: string; inUse: boolean };

export function ObjectionForm({
  action,
  groups,
  confirms,
}: {
  action: FormAction<RequestFormState>;
  groups: { heading: string; purposes: ObjectionPurpose[] }[];
  /** The objection customer service filed for the customer, which this form confirms. */
  confirms?: string;
}) {
  const t = useTranslations("requests.objection");
  const [state, formAction, pending] = useActionState<RequestFormState, FormData>(action, null);
  const form = useRef<HTMLFormElement>(null);
  useFocusFirstError(form, state);
  const refused = refusalOf(state);
  const errors = refused?.fieldErrors ?? {};
  const shown = groups.filter((g) => g.purposes.length > 0);
  return (
    <form ref={form} action={formAction} noValidate className="space-y-5">
      {confirms ? <input type="hidden" name="confirms" value={confirms} /> : null}
      <ChoiceGroup id="purposeKeys" legend={t("purposesLegend")} error={errors.purposeKeys} className="space-y-4">
        {shown.map((group, g) => (
          <div key={group.heading} className="space-y-2">
            <p className="text-sm font-semibold text-slate-700">{group.heading}</p>
            {group.purposes.map((purpose, i) => (
              <Choice
                key={purpose.key}
                type="checkbox"
                id={`object-${purpose.key}`}
                name="purposeKeys"
                value={purpose.key}
                label={purpose.name}
                note={purpose.inUse ? undefined : t("alreadyOff")}
                invalid={g === 0 && i === 0 && Boolean(errors.purposeKeys)}
              />
            ))}
          </div>
        ))}
      </ChoiceGroup>
      <TextAreaField
        id="reason"
        name="reason"
        label={t("reasonLabel")}
        hint={t("reasonHint")}
        error={errors.reason}
        maxLength={1000}
        defaultValue={refused?.values?.reason}
      />
      <FormOutcome id="objection-form-error" state={refused} formError={errors.form} />
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
  const refused = refusalOf(state);
  const errors = refused?.fieldErrors ?? {};
  const sent = refused?.values ?? {};
  return (
    <form ref={form} action={formAction} noValidate className="space-y-5">
      <SelectField
        id="category"
        name="category"
        label={t("categoryLabel")}
        placeholder={t("choose")}
        options={categories}
        error={errors.category}
        defaultValue={sent.category ?? ""}
      />
      <TextAreaField
        id="description"
        name="description"
        label={t("descriptionLabel")}
        hint={t("descriptionHint")}
        error={errors.description}
        maxLength={2000}
        required
        defaultValue={sent.description}
      />
      <FormOutcome id="rectification-form-error" state={refused} formError={errors.form} />
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
