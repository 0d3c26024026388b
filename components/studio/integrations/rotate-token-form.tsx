"use client";

import { useTranslations } from "next-intl";
import { useActionState, useRef } from "react";
import { Button } from "@/components/ui/button";
import { FormOutcome, TextField } from "@/components/ui/field";
import { useFocusFirstError } from "@/components/ui/use-focus-first-error";
import type { FormAction } from "@/lib/actions/types";
import type { ApiClientFormState } from "@/lib/integration/api-client-schema";
import { OneTimeToken } from "./one-time-token";

/** Makes a new token (shown once) and ends the current ones after the overlap. */
export function RotateTokenForm({
  action,
  clientId,
  defaultOverlap,
}: {
  action: FormAction<ApiClientFormState>;
  clientId: string;
  defaultOverlap: number;
}) {
  const t = useTranslations("studio.integrations");
  const [state, formAction, isPending] = useActionState<ApiClientFormState, FormData>(action, null);
  const form = useRef<HTMLFormElement>(null);
  useFocusFirstError(form, state);
  const errors = state && !state.ok ? state.fieldErrors : {};
  return (
    <div className="space-y-4">
      <form
        ref={form}
        action={formAction}
        noValidate
        className="space-y-3"
        aria-describedby={state && !state.ok ? "rotate-error" : "rotate-explain"}
      >
        <input type="hidden" name="clientId" value={clientId} />
        <TextField
          id="overlapHours"
          name="overlapHours"
          type="number"
          inputMode="numeric"
          min={0}
          max={168}
          step={1}
          className="input w-28"
          label={t("overlapLabel")}
          hint={t("overlapHint")}
          defaultValue={String(defaultOverlap)}
          error={errors.overlapHours}
        />
        <FormOutcome id="rotate-error" state={state} />
        <Button
          type="submit"
          variant="secondary"
          aria-disabled={isPending}
          onClick={(e) => isPending && e.preventDefault()}
        >
          {t("rotateButton")}
        </Button>
      </form>
      {state?.ok && state.token ? <OneTimeToken id="rotated-token" token={state.token} /> : null}
    </div>
  );
}
