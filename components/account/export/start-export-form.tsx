"use client";

import { useTranslations } from "next-intl";
import { useActionState, useEffect, useRef } from "react";
import { Button } from "@/components/ui/button";
import type { FormAction } from "@/lib/actions/types";
import type { SendExportSignInLinkState, StartExportState } from "@/lib/export/export-form";
import { startExportStatus } from "./start-export-status";

// Without a recent sign-in the start button is replaced by the offer of a fresh link
// (which lands back here); the action says the same if the sign-in aged while the page was open.
export function StartExportForm(props: {
  recentSignIn: boolean;
  reauthMessage: string;
  startExport: FormAction<StartExportState>;
  sendSignInLink: FormAction<SendExportSignInLinkState>;
}) {
  const t = useTranslations("export");
  const [state, start, starting] = useActionState<StartExportState, FormData>(props.startExport, null);
  const needsReauth = !props.recentSignIn || (state !== null && !state.ok && state.reauth === true);
  const statusRef = useRef<HTMLParagraphElement>(null);
  const status = startExportStatus(state);
  useEffect(() => {
    // Focus goes to what is seen: not to a line only screen readers hear.
    if (state && status.visible) statusRef.current?.focus();
  }, [state, status.visible]);
  if (needsReauth) return <ReauthPanel message={props.reauthMessage} sendSignInLink={props.sendSignInLink} />;
  return (
    <form action={start} className="space-y-3" aria-describedby={state && !state.ok ? "start-export-error" : undefined}>
      <Button type="submit" aria-disabled={starting} onClick={(e) => starting && e.preventDefault()}>
        {starting ? t("starting") : t("start")}
      </Button>
      <p
        ref={statusRef}
        tabIndex={-1}
        role="status"
        className={status.visible ? "text-sm font-medium text-brand-900 outline-none" : "sr-only"}
      >
        {status.message ? t(status.message) : ""}
      </p>
      {state && !state.ok ? (
        <p id="start-export-error" role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-900">
          {state.message}
        </p>
      ) : null}
    </form>
  );
}

function ReauthPanel(props: { message: string; sendSignInLink: FormAction<SendExportSignInLinkState> }) {
  const t = useTranslations("export");
  const [state, send, sending] = useActionState<SendExportSignInLinkState, FormData>(props.sendSignInLink, null);
  return (
    <form action={send} className="space-y-3" aria-describedby="export-reauth-message">
      <p id="export-reauth-message" className="rounded-md bg-amber-50 p-3 text-amber-950">
        {props.message}
      </p>
      <Button type="submit" variant="secondary" aria-disabled={sending} onClick={(e) => sending && e.preventDefault()}>
        {sending ? t("reauthSending") : t("reauthSend")}
      </Button>
      <p role="status" className="text-sm font-medium text-brand-900">
        {state?.ok ? t("reauthSent") : ""}
      </p>
      {state && !state.ok ? (
        <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-900">
          {state.message}
        </p>
      ) : null}
    </form>
  );
}
