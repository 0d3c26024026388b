"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { FormOutcome } from "@/components/ui/field";
import type { FormAction } from "@/lib/actions/types";
import type { WebhookFormState } from "@/lib/integration/webhooks/webhook-form-state";

/** "Deliver again" for one delivered or failed message. */
export function RedeliverWebhookForm({
  action,
  messageId,
  label,
}: {
  action: FormAction<WebhookFormState>;
  messageId: number;
  /** Names the message for a screen reader (the event and when it was created). */
  label: string;
}) {
  const t = useTranslations("webhooks.log");
  const [state, formAction, isPending] = useActionState<WebhookFormState, FormData>(action, null);
  return (
    <form action={formAction} className="space-y-1">
      <input type="hidden" name="messageId" value={messageId} />
      {state?.ok ? null : (
        <Button
          type="submit"
          variant="secondary"
          aria-label={`${t("deliverAgain")}: ${label}`}
          aria-disabled={isPending}
          onClick={(e) => isPending && e.preventDefault()}
        >
          {t("deliverAgain")}
        </Button>
      )}
      <FormOutcome id={`redeliver-${messageId}-error`} state={state} />
    </form>
  );
}
