"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { FormOutcome } from "@/components/ui/field";
import type { FormAction } from "@/lib/actions/types";
import type { SupportCodeFormState } from "@/lib/support/support-code-state";

/** "Show a support code": the digits come back once, spaced for reading aloud. */
export function SupportCodeForm({ action }: { action: FormAction<SupportCodeFormState> }) {
  const t = useTranslations("access.supportCode");
  const format = useFormatter();
  const [state, formAction, pending] = useActionState<SupportCodeFormState, FormData>(action, null);
  const issued = state?.ok ? state : null;
  return (
    <form action={formAction} className="space-y-4">
      <div aria-live="polite">
        {issued ? (
          <div className="panel space-y-2">
            <p>{t("yourCode")}</p>
            <p
              className="font-mono text-4xl font-semibold tracking-widest"
              aria-label={issued.code.split("").join(" ")}
            >
              {issued.code.slice(0, 3)} {issued.code.slice(3)}
            </p>
            <p>{t("validUntil", { time: format.dateTime(issued.expiresAt, { timeStyle: "short" }) })}</p>
          </div>
        ) : null}
      </div>
      <FormOutcome id="support-code-error" state={state && !state.ok ? state : null} />
      <Button
        type="submit"
        variant={issued ? "secondary" : "primary"}
        aria-disabled={pending}
        onClick={(e) => pending && e.preventDefault()}
      >
        {issued ? t("newCode") : t("show")}
      </Button>
    </form>
  );
}
