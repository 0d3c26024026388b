"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import type { FormAction } from "@/lib/actions/types";
import type { CancelErasureState, ConfirmErasureState, SendLinkState } from "@/lib/erasure/erasure-schema";

const OSLO = { dateStyle: "long", timeZone: "Europe/Oslo" } as const;

/** The scheduled-deletion banner with its cancel button (account home and the deletion page). */
export function ErasureBanner(props: {
  scheduled: { requestId: string; scheduledFor: string } | null;
  cancel: FormAction<CancelErasureState>;
}) {
  const t = useTranslations("erasure");
  const format = useFormatter();
  const [result, cancelAction, cancelling] = useActionState<CancelErasureState, FormData>(props.cancel, null);
  // Stays mounted after a cancellation, so the confirmation is read out where the banner was.
  if (!props.scheduled) {
    return result?.ok ? (
      <p role="status" className="rounded-md border border-brand-700 bg-brand-50 p-4 font-medium text-brand-900">
        {t("cancelled")}
      </p>
    ) : null;
  }
  const errorId = "cancel-erasure-error";
  return (
    <section
      aria-labelledby="erasure-banner-heading"
      className="rounded-lg border-2 border-amber-700 bg-amber-50 p-5 text-amber-950"
    >
      <h2 id="erasure-banner-heading" className="text-lg font-semibold">
        {t("scheduledBanner", { date: format.dateTime(new Date(props.scheduled.scheduledFor), OSLO) })}
      </h2>
      <p className="mt-1">{t("scheduledHelp")}</p>
      <form action={cancelAction} className="mt-3">
        <input type="hidden" name="requestId" value={props.scheduled.requestId} />
        <Button
          type="submit"
          variant="secondary"
          aria-disabled={cancelling || undefined}
          aria-describedby={result && !result.ok ? errorId : undefined}
        >
          {cancelling ? t("cancelling") : t("cancel")}
        </Button>
      </form>
      {result && !result.ok ? (
        <p id={errorId} role="alert" className="mt-2 font-medium text-red-800">
          {result.message}
        </p>
      ) : null}
    </section>
  );
}

/** Re-authentication first (a fresh magic link), then a plain confirmation. */
export function ErasureConfirm(props: {
  recentSignIn: boolean;
  /** When the deletion would run if confirmed now (ISO). */
  wouldRunOn: string;
  confirm: FormAction<ConfirmErasureState>;
  sendLink: FormAction<SendLinkState>;
}) {
  const t = useTranslations("erasure");
  const format = useFormatter();
  const [confirmed, confirmAction, confirming] = useActionState<ConfirmErasureState, FormData>(props.confirm, null);
  const [sent, sendAction, sending] = useActionState<SendLinkState, FormData>(props.sendLink, null);

  if (confirmed?.ok) {
    return (
      <p role="status" className="rounded-md bg-brand-50 p-4 font-medium text-brand-900">
        {t("scheduled", { date: format.dateTime(new Date(confirmed.scheduledFor), OSLO) })}
      </p>
    );
  }
  // The session may have aged past 10 minutes while the page was open.
  const needsLink = !props.recentSignIn || (confirmed && !confirmed.ok && confirmed.reauth);

  if (needsLink) {
    return (
      <div className="space-y-3">
        <p>{t("reauthText")}</p>
        <form action={sendAction}>
          <Button type="submit" aria-disabled={sending || undefined}>
            {sending ? t("sendingLink") : t("sendLink")}
          </Button>
        </form>
        {sent?.ok ? (
          <p role="status" className="font-medium text-brand-900">
            {t("linkSent")}
          </p>
        ) : null}
        {sent && !sent.ok ? (
          <p role="alert" className="font-medium text-red-800">
            {sent.message}
          </p>
        ) : null}
      </div>
    );
  }

  const understandError = confirmed && !confirmed.ok ? confirmed.fieldErrors.understand : undefined;
  const formError = confirmed && !confirmed.ok && !understandError ? confirmed.message : undefined;
  return (
    <form action={confirmAction} className="space-y-4" noValidate>
      <div className="flex items-start gap-3">
        <input
          id="erasure-understand"
          name="understand"
          type="checkbox"
          required
          aria-invalid={understandError ? true : undefined}
          aria-describedby={understandError ? "erasure-understand-error" : undefined}
          className="mt-1 size-5 shrink-0"
        />
        <label htmlFor="erasure-understand">
          {t("understand", { date: format.dateTime(new Date(props.wouldRunOn), OSLO) })}
        </label>
      </div>
      {understandError ? (
        <p id="erasure-understand-error" className="font-medium text-red-800">
          {understandError}
        </p>
      ) : null}
      <Button type="submit" aria-disabled={confirming || undefined}>
        {confirming ? t("confirming") : t("confirm")}
      </Button>
      {formError ? (
        <p role="alert" className="font-medium text-red-800">
          {formError}
        </p>
      ) : null}
    </form>
  );
}
