"use client";

import { useTranslations } from "next-intl";
import { useActionState, useRef } from "react";
import { Button } from "@/components/ui/button";
import { FormOutcome, RadioGroup, SelectField, TextAreaField } from "@/components/ui/field";
import { useFocusFirstError } from "@/components/ui/use-focus-first-error";
import type { FormAction } from "@/lib/actions/types";
import type { StaffFormState } from "@/lib/requests/staff-form-state";

type Option = { value: string; label: string; hint?: string };

/** The fields of "file a request for a customer"; the labels of the choices come translated from the server. */
export function FileRequestFields({
  action,
  customerId,
  kinds,
  channels,
  categories,
  grounds,
}: {
  action: FormAction<StaffFormState>;
  customerId: string;
  kinds: Option[];
  channels: Option[];
  categories: Option[];
  grounds: Option[];
}) {
  const t = useTranslations("supportRequests.file");
  const [state, formAction, pending] = useActionState<StaffFormState, FormData>(action, null);
  const form = useRef<HTMLFormElement>(null);
  useFocusFirstError(form, state);
  const refused = state && !state.ok ? state : null;
  const errors = refused?.fieldErrors ?? {};
  const sent = refused?.values ?? {};
  return (
    <form ref={form} action={formAction} noValidate className="space-y-5">
      <input type="hidden" name="customerId" value={customerId} />
      <RadioGroup
        id="kind"
        legend={t("kindLabel")}
        options={kinds.map((kind) => ({ value: kind.value, label: kind.label, note: kind.hint }))}
        error={errors.kind}
        checked={sent.kind}
        required
      />
      <RadioGroup
        id="channel"
        legend={t("channelLabel")}
        options={channels}
        error={errors.channel}
        checked={sent.channel}
        required
      />
      <SelectField
        id="category"
        name="category"
        label={t("categoryLabel")}
        placeholder={t("choose")}
        options={categories}
        error={errors.category}
        defaultValue={sent.category ?? ""}
      />
      <SelectField
        id="ground"
        name="ground"
        label={t("groundLabel")}
        placeholder={t("choose")}
        options={grounds}
        error={errors.ground}
        defaultValue={sent.ground ?? ""}
      />
      <TextAreaField
        id="details"
        name="details"
        label={t("detailsLabel")}
        hint={t("detailsHint")}
        error={errors.details}
        maxLength={2000}
        defaultValue={sent.details}
      />
      <FormOutcome id="file-request-error" state={refused} formError={errors.form} />
      <Button type="submit" aria-disabled={pending} onClick={(e) => pending && e.preventDefault()}>
        {pending ? t("submitting") : t("submit")}
      </Button>
    </form>
  );
}
