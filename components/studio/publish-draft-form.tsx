"use client";

import { useTranslations } from "next-intl";
import { useActionState, useRef } from "react";
import { Button } from "@/components/ui/button";
import { Choice, ChoiceGroup, FormOutcome } from "@/components/ui/field";
import { useFocusFirstError } from "@/components/ui/use-focus-first-error";
import type { FormAction } from "@/lib/actions/types";
import type { StudioFormState } from "@/lib/studio/purpose-draft-schema";

/**
 * Publishes the draft the page shows: `basedOnVersion` is the version it started from, so a
 * publish after someone else's is refused as stale. A refusal for missing texts lists each
 * missing field by its label (`fieldLabels`).
 */
export function PublishDraftForm({
  action,
  purposeKey,
  basedOnVersion,
  hasVersionInForce,
  fieldLabels,
}: {
  action: FormAction<StudioFormState>;
  purposeKey: string;
  basedOnVersion: number | null;
  hasVersionInForce: boolean;
  fieldLabels: Record<string, string>;
}) {
  const t = useTranslations("studio.preview");
  const te = useTranslations("studio.errors");
  const [state, formAction, isPending] = useActionState<StudioFormState, FormData>(action, null);
  const form = useRef<HTMLFormElement>(null);
  useFocusFirstError(form, state);
  const errors = state && !state.ok ? state.fieldErrors : {};
  const missing = Object.keys(errors).filter((field) => fieldLabels[field]);
  return (
    <form
      ref={form}
      action={formAction}
      noValidate
      className="space-y-4"
      aria-describedby={state && !state.ok ? "publish-form-error" : undefined}
    >
      <input type="hidden" name="key" value={purposeKey} />
      <input type="hidden" name="basedOnVersion" value={basedOnVersion ?? ""} />
      {hasVersionInForce ? (
        <ChoiceGroup id="material" legend={t("material")} error={errors.material}>
          <Choice
            id="material-yes"
            type="radio"
            name="material"
            value="yes"
            label={t("materialYes")}
            defaultChecked
            invalid={Boolean(errors.material)}
          />
          <Choice id="material-no" type="radio" name="material" value="no" label={t("materialNo")} />
        </ChoiceGroup>
      ) : (
        <input type="hidden" name="material" value="yes" />
      )}
      {missing.length > 0 ? (
        <div id="publish-form-error" role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-900">
          <p>{te("incomplete")}</p>
          <ul className="list-disc pl-6">
            {missing.map((field) => (
              <li key={field}>{fieldLabels[field]}</li>
            ))}
          </ul>
        </div>
      ) : (
        <FormOutcome id="publish-form-error" state={state} />
      )}
      {state?.ok ? null : (
        <Button type="submit" aria-disabled={isPending} onClick={(e) => isPending && e.preventDefault()}>
          {isPending ? t("publishing") : t("publish")}
        </Button>
      )}
    </form>
  );
}
