"use client";

import { useTranslations } from "next-intl";
import { useActionState, useEffect, useId, useState } from "react";
import { Button } from "@/components/ui/button";
import type { FormAction } from "@/lib/actions/types";
import type { WithdrawalReasonState } from "@/lib/consent/withdrawal-reason-schema";
import { reasonCodes } from "@/lib/consent/withdrawal-reasons";

// Shown after a withdrawal has been made: an optional, anonymous "why?". Skipping is as
// easy as answering, and nothing about the withdrawal waits for it.
export function WithdrawalReason(props: {
  action: FormAction<WithdrawalReasonState>;
  purposeKey: string;
  token: string;
  /** Called when the form goes away (skipped or answered), to put focus back. */
  onDone: () => void;
}) {
  const t = useTranslations("withdrawalReason");
  const id = useId();
  const [state, formAction, isPending] = useActionState<WithdrawalReasonState, FormData>(props.action, null);
  const [skipped, setSkipped] = useState(false);
  const answered = state?.ok === true;
  const { onDone } = props;
  useEffect(() => {
    if (answered) onDone();
  }, [answered, onDone]);
  if (skipped) return null;
  const error = state && !state.ok ? state.message : null;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  return (
    // A line of its own below the switch's row (basis-full), so the switch stays by its label.
    <div className="w-full basis-full text-left text-sm">
      <p role="status" className={answered ? "text-slate-800" : "sr-only"}>
        {answered ? t("thanks") : ""}
      </p>
      {answered ? null : (
        <form action={formAction} className="max-w-sm space-y-3 rounded-md border border-slate-300 bg-slate-50 p-3">
          <input type="hidden" name="purposeKey" value={props.purposeKey} />
          <input type="hidden" name="token" value={props.token} />
          <fieldset aria-describedby={error ? `${hintId} ${errorId}` : hintId} className="space-y-1">
            <legend className="font-medium">{t("legend")}</legend>
            <p id={hintId} className="text-slate-700">
              {t("hint")}
            </p>
            {reasonCodes.map((code) => (
              <label key={code} className="flex min-h-8 items-center gap-2">
                <input type="radio" name="reason" value={code} className="h-5 w-5 shrink-0 accent-brand-700" />
                {t(`reasons.${code}`)}
              </label>
            ))}
          </fieldset>
          {error ? (
            <p id={errorId} role="alert" className="text-red-800">
              {error}
            </p>
          ) : null}
          <div className="flex flex-wrap gap-2">
            <Button type="submit" variant="secondary" aria-busy={isPending || undefined} disabled={isPending}>
              {isPending ? t("sending") : t("send")}
            </Button>
            <Button
              type="button"
              variant="secondary"
              onClick={() => {
                setSkipped(true);
                onDone();
              }}
            >
              {t("skip")}
            </Button>
          </div>
        </form>
      )}
    </div>
  );
}
