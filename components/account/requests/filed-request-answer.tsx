"use client";

import { useTranslations } from "next-intl";
import { useActionState, useRef } from "react";
import { Button } from "@/components/ui/button";
import { FormOutcome, TextAreaField } from "@/components/ui/field";
import { useFocusFirstError } from "@/components/ui/use-focus-first-error";
import type { FormAction } from "@/lib/actions/types";
import type { RequestFormState } from "@/lib/requests/request-schema";

/** Confirming a restriction customer service filed: one button, as weighty as declining. */
export function ConfirmRestrictionForm({
  action,
  requestId,
}: {
  action: FormAction<RequestFormState>;
  requestId: string;
}) {
  const t = useTranslations("requests.filedAnswer");
  const [state, formAction, pending] = useActionState<RequestFormState, FormData>(action, null);
  return (
    <form action={formAction} className="space-y-2">
      <input type="hidden" name="requestId" value={requestId} />
      <FormOutcome id="confirm-filed-error" state={state && !state.ok ? state : null} />
      <Button type="submit" variant="secondary" aria-disabled={pending} onClick={(e) => pending && e.preventDefault()}>
        {pending ? t("confirming") : t("confirmRestriction")}
      </Button>
    </form>
  );
}

/** Declining what customer service filed, with the customer's own words if they want. */
export function DeclineFiledForm({ action, requestId }: { action: FormAction<RequestFormState>; requestId: string }) {
  const t = useTranslations("requests.filedAnswer");
  const [state, formAction, pending] = useActionState<RequestFormState, FormData>(action, null);
  const form = useRef<HTMLFormElement>(null);
  useFocusFirstError(form, state);
  const refused = state && !state.ok ? state : null;
  return (
    <form ref={form} action={formAction} noValidate className="space-y-3">
      <input type="hidden" name="requestId" value={requestId} />
      <TextAreaField
        id="decline-reason"
        name="reason"
        label={t("declineLabel")}
        hint={t("declineHint")}
        error={refused?.fieldErrors.reason}
        maxLength={1000}
        rows={3}
        defaultValue={refused?.values?.reason}
      />
      <FormOutcome id="decline-filed-error" state={refused} formError={refused?.fieldErrors.form} />
      <Button type="submit" variant="secondary" aria-disabled={pending} onClick={(e) => pending && e.preventDefault()}>
        {pending ? t("declining") : t("decline")}
      </Button>
    </form>
  );
}
