"use client";

import { useTranslations } from "next-intl";
import { useActionState, useRef } from "react";
import { Button } from "@/components/ui/button";
import { Choice, ChoiceGroup, FormOutcome, SelectField, TextAreaField } from "@/components/ui/field";
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
      <ChoiceGroup id="kind" legend={t("kindLabel")} error={errors.kind}>
        {kinds.map((kind, i) => (
          <Choice
            key={kind.value}
            type="radio"
            id={`kind-${kind.value}`}
            name="kind"
            value={kind.value}
            label={kind.label}
            note={kind.hint}
            required
            defaultChecked={sent.kind === kind.value}
            invalid={i === 0 && Boolean(errors.kind)}
          />
        ))}
      </ChoiceGroup>
      <ChoiceGroup id="channel" legend={t("channelLabel")} error={errors.channel}>
        {channels.map((channel, i) => (
          <Choice
            key={channel.value}
            type="radio"
            id={`channel-${channel.value}`}
            name="channel"
            value={channel.value}
            label={channel.label}
            required
            defaultChecked={sent.channel === channel.value}
            invalid={i === 0 && Boolean(errors.channel)}
          />
        ))}
      </ChoiceGroup>
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
