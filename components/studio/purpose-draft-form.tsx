"use client";

import { useTranslations } from "next-intl";
import { useActionState, useRef, useTransition, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Choice, ChoiceGroup, FormOutcome, SelectField, TextAreaField, TextField } from "@/components/ui/field";
import { useFocusFirstError } from "@/components/ui/use-focus-first-error";
import type { FormAction } from "@/lib/actions/types";
import { draftLanguages, draftTextFields, textFieldName } from "@/lib/studio/purpose-draft-fields";
import type { StudioFormState } from "@/lib/studio/purpose-draft-schema";

type Option = { value: string; label: string };

export type PurposeDraftFormValues = {
  /** Text fields by form name ("nbName", "retention", "recipients", "legalBasis", "benefitMetric"). */
  text: Record<string, string>;
  dataCategories: string[];
  channels: string[];
  sharesWithThirdParties: boolean;
};

/** The studio's purpose form: a new purpose (`mode="new"`, key editable) or the draft of one. */
export function PurposeDraftForm({
  action,
  mode,
  purposeKey,
  basedOnVersion,
  initial,
  options,
}: {
  action: FormAction<StudioFormState>;
  mode: "new" | "edit";
  purposeKey: string;
  basedOnVersion: number | null;
  initial: PurposeDraftFormValues;
  options: { legalBases: Option[]; categories: Option[]; channels: Option[]; metrics: Option[] };
}) {
  const t = useTranslations("studio.form");
  const [state, formAction, isPending] = useActionState<StudioFormState, FormData>(action, null);
  const form = useRef<HTMLFormElement>(null);
  useFocusFirstError(form, state);
  const errors = state && !state.ok ? state.fieldErrors : {};
  // Without JavaScript a refused post renders the form again: with what was typed.
  const sent = state && !state.ok ? state.values : undefined;
  const value = (name: string) => sent?.[name] ?? initial.text[name] ?? "";
  const box = (name: "dataCategories" | "channels", option: string) => ({
    defaultChecked: initial[name].includes(option),
  });
  // Sent by hand, so that React does not reset the form after its action: a refused form
  // keeps everything typed and ticked. Without JavaScript the form posts as usual.
  const [, startTransition] = useTransition();
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (isPending) return;
    const data = new FormData(event.currentTarget);
    startTransition(() => formAction(data));
  };

  return (
    <form
      ref={form}
      action={formAction}
      onSubmit={submit}
      noValidate
      className="space-y-6"
      aria-describedby={state && !state.ok ? "purpose-form-error" : undefined}
    >
      <input type="hidden" name="mode" value={mode} />
      <input type="hidden" name="basedOnVersion" value={basedOnVersion ?? ""} />
      {mode === "new" ? (
        <TextField
          id="key"
          name="key"
          label={t("key")}
          hint={t("keyHint")}
          required
          autoComplete="off"
          spellCheck={false}
          defaultValue={value("key")}
          error={errors.key}
        />
      ) : (
        <input type="hidden" name="key" value={purposeKey} />
      )}
      <div className="grid gap-6 lg:grid-cols-2">
        {draftLanguages.map((language) => (
          <fieldset key={language} lang={language} className="card space-y-4 p-5">
            <legend className="px-1 text-lg font-semibold" lang={undefined}>
              {t(language === "nb" ? "textsNb" : "textsEn")}
            </legend>
            {draftTextFields.map((field) => {
              const name = textFieldName(language, field);
              const label = t(field === "retention" ? "retentionText" : field);
              const hint =
                field === "changeSummary" ? t("changeSummaryHint") : field === "name" ? t("textHint") : undefined;
              return field === "name" ? (
                <TextField
                  key={name}
                  id={name}
                  name={name}
                  label={label}
                  hint={hint}
                  defaultValue={value(name)}
                  error={errors[name]}
                />
              ) : (
                <TextAreaField
                  key={name}
                  id={name}
                  name={name}
                  label={label}
                  hint={hint}
                  rows={3}
                  defaultValue={value(name)}
                  error={errors[name]}
                />
              );
            })}
          </fieldset>
        ))}
      </div>
      <SelectField
        id="legalBasis"
        name="legalBasis"
        label={t("legalBasis")}
        placeholder={t("chooseLegalBasis")}
        options={options.legalBases}
        defaultValue={value("legalBasis")}
        error={errors.legalBasis}
      />
      <ChoiceGroup id="dataCategories" legend={t("dataCategories")} error={errors.dataCategories} className="space-y-2">
        <div className="grid gap-2 sm:grid-cols-2">
          {options.categories.map((option, index) => (
            <Choice
              key={option.value}
              id={`dataCategories-${option.value}`}
              type="checkbox"
              name="dataCategories"
              value={option.value}
              label={option.label}
              {...box("dataCategories", option.value)}
              invalid={index === 0 && Boolean(errors.dataCategories)}
            />
          ))}
        </div>
      </ChoiceGroup>
      <TextField
        id="retention"
        name="retention"
        label={t("retention")}
        hint={t("retentionHint")}
        autoComplete="off"
        defaultValue={value("retention")}
        error={errors.retention}
      />
      <TextAreaField
        id="recipients"
        name="recipients"
        label={t("recipients")}
        hint={t("recipientsHint")}
        rows={3}
        spellCheck={false}
        defaultValue={value("recipients")}
        error={errors.recipients}
      />
      <ChoiceGroup id="channels" legend={t("channels")} error={errors.channels}>
        <div className="flex flex-wrap gap-4">
          {options.channels.map((option, index) => (
            <Choice
              key={option.value}
              id={`channels-${option.value}`}
              type="checkbox"
              name="channels"
              value={option.value}
              label={option.label}
              {...box("channels", option.value)}
              invalid={index === 0 && Boolean(errors.channels)}
            />
          ))}
        </div>
      </ChoiceGroup>
      <Choice
        id="sharesWithThirdParties"
        type="checkbox"
        name="sharesWithThirdParties"
        label={t("shares")}
        defaultChecked={initial.sharesWithThirdParties}
      />
      <SelectField
        id="benefitMetric"
        name="benefitMetric"
        label={t("benefitMetric")}
        options={[{ value: "", label: t("noMetric") }, ...options.metrics]}
        defaultValue={value("benefitMetric")}
        error={errors.benefitMetric}
      />
      <FormOutcome id="purpose-form-error" state={state} formError={errors.form} />
      <Button type="submit" aria-disabled={isPending} onClick={(e) => isPending && e.preventDefault()}>
        {isPending ? t("saving") : t("save")}
      </Button>
    </form>
  );
}
