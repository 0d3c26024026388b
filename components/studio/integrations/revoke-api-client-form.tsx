"use client";

import { useTranslations } from "next-intl";
import { useActionState, useRef } from "react";
import { Button } from "@/components/ui/button";
import { Choice, ChoiceGroup, FormOutcome } from "@/components/ui/field";
import { useFocusFirstError } from "@/components/ui/use-focus-first-error";
import type { FormAction } from "@/lib/actions/types";
import type { ApiClientFormState } from "@/lib/integration/api-client-schema";

/** Revokes a client at once, after the product member ticks that they mean it. */
export function RevokeApiClientForm({
  action,
  clientId,
  name,
}: {
  action: FormAction<ApiClientFormState>;
  clientId: string;
  name: string;
}) {
  const t = useTranslations("studio.integrations");
  const [state, formAction, isPending] = useActionState<ApiClientFormState, FormData>(action, null);
  const form = useRef<HTMLFormElement>(null);
  useFocusFirstError(form, state);
  const errors = state && !state.ok ? state.fieldErrors : {};
  return (
    <form
      ref={form}
      action={formAction}
      noValidate
      className="space-y-3"
      aria-describedby={state && !state.ok ? "revoke-error" : "revoke-explain"}
    >
      <input type="hidden" name="clientId" value={clientId} />
      {state?.ok ? null : (
        <>
          <ChoiceGroup
            id="confirm"
            legend={t("revokeHeading")}
            error={errors.confirm}
            className="space-y-2 [&>legend]:sr-only"
          >
            <Choice
              type="checkbox"
              id="confirm-revoke"
              name="confirm"
              value="yes"
              label={t("revokeConfirm")}
              invalid={Boolean(errors.confirm)}
            />
          </ChoiceGroup>
          <Button
            type="submit"
            variant="secondary"
            aria-disabled={isPending}
            onClick={(e) => isPending && e.preventDefault()}
          >
            {t("revokeButton", { name })}
          </Button>
        </>
      )}
      <FormOutcome id="revoke-error" state={state} />
    </form>
  );
}
