"use client";

import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { Button } from "@/components/ui/button";
import { FormOutcome } from "@/components/ui/field";
import type { FormAction } from "@/lib/actions/types";
import type { WebhookFormState } from "@/lib/integration/webhooks/webhook-form-state";

/** "Disable", then a confirmation with equal-weight "yes" and "keep it" (it cannot be undone). */
export function DisableWebhookForm({
  action,
  subscriptionId,
  url,
}: {
  action: FormAction<WebhookFormState>;
  subscriptionId: string;
  url: string;
}) {
  const t = useTranslations("webhooks.subscriptions");
  const [state, formAction, isPending] = useActionState<WebhookFormState, FormData>(action, null);
  const [confirming, setConfirming] = useState(false);
  const confirmId = `disable-${subscriptionId}-confirm`;
  if (state?.ok) return <FormOutcome id={`disable-${subscriptionId}-error`} state={state} />;
  if (!confirming) {
    return (
      <Button type="button" variant="secondary" onClick={() => setConfirming(true)}>
        {t("disable")}
      </Button>
    );
  }
  return (
    <form action={formAction} className="space-y-2" aria-describedby={confirmId}>
      <input type="hidden" name="subscriptionId" value={subscriptionId} />
      <p id={confirmId}>{t("confirm", { url })}</p>
      <FormOutcome id={`disable-${subscriptionId}-error`} state={state} />
      <div className="flex flex-wrap gap-2">
        <Button type="submit" variant="secondary" aria-disabled={isPending} onClick={(e) => isPending && e.preventDefault()}>
          {t("confirmDisable")}
        </Button>
        <Button type="button" variant="secondary" onClick={() => setConfirming(false)}>
          {t("keep")}
        </Button>
      </div>
    </form>
  );
}
