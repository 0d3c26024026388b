"use client";

import { useTranslations } from "next-intl";
import { useActionState, useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import type { FormAction } from "@/lib/actions/types";
import type { RevokeSessionState } from "@/lib/sessions/session-schema";

/** A session as the page shows it: texts formatted on the server, the id opaque. */
export type SessionItem = {
  id: string;
  device: string;
  signedIn: { iso: string; text: string };
  lastActive: { iso: string; text: string } | null;
  current: boolean;
};

// Real forms posting to the server actions, so signing a device out also works before
// JavaScript has loaded.
export function SessionList(props: {
  sessions: SessionItem[];
  revokeSession: FormAction<RevokeSessionState>;
  revokeOtherSessions: FormAction<RevokeSessionState>;
}) {
  const t = useTranslations("devices");
  const [one, revokeOne, pendingOne] = useActionState<RevokeSessionState, FormData>(props.revokeSession, null);
  const [others, revokeOthers, pendingOthers] = useActionState<RevokeSessionState, FormData>(
    props.revokeOtherSessions,
    null,
  );
  const [latest, setLatest] = useState<"one" | "others">("one");
  const state = latest === "one" ? one : others;
  const pending = pendingOne || pendingOthers;
  const statusRef = useRef<HTMLParagraphElement>(null);
  // The pressed button is gone once its device is signed out: move focus to the outcome.
  useEffect(() => {
    if (state?.ok) statusRef.current?.focus();
  }, [state]);
  const preventWhilePending = (event: { preventDefault: () => void }) => {
    if (pending) event.preventDefault();
  };
  const status = !state?.ok
    ? ""
    : latest === "one"
      ? t("signedOutOne")
      : t("signedOutOthers", { count: state.revoked });
  const hasOthers = props.sessions.some((s) => !s.current);
  const when = (key: "signedIn" | "lastActive", date: { iso: string; text: string }) =>
    t.rich(key, { date: date.text, time: (chunks) => <time dateTime={date.iso}>{chunks}</time> });
  return (
    <div className="space-y-4">
      <ul className="space-y-3">
        {props.sessions.map((session) => {
          const detailsId = `session-${session.id}-details`;
          return (
            <li key={session.id} className="flex flex-wrap items-start justify-between gap-3 card">
              <div className="min-w-0 flex-1 space-y-1">
                <p className="flex flex-wrap items-center gap-x-2 gap-y-1 font-medium break-words">
                  <span>{session.device}</span>
                  {session.current ? (
                    <span className="rounded-md bg-brand-100 px-2 py-0.5 text-sm font-semibold text-brand-900">
                      {t("thisDevice")}
                    </span>
                  ) : null}
                </p>
                <p id={detailsId} className="text-sm">
                  <span className="block">{when("signedIn", session.signedIn)}</span>
                  {session.lastActive ? <span className="block">{when("lastActive", session.lastActive)}</span> : null}
                </p>
                {session.current ? <p className="text-sm">{t("thisDeviceHint")}</p> : null}
              </div>
              {session.current ? null : (
                <form action={revokeOne} onSubmit={() => setLatest("one")}>
                  <input type="hidden" name="sessionId" value={session.id} />
                  <Button
                    type="submit"
                    variant="secondary"
                    aria-describedby={detailsId}
                    aria-busy={pendingOne || undefined}
                    onClick={preventWhilePending}
                  >
                    {t("signOut")}
                    <span className="sr-only"> {session.device}</span>
                  </Button>
                </form>
              )}
            </li>
          );
        })}
      </ul>
      {hasOthers ? (
        <form action={revokeOthers} onSubmit={() => setLatest("others")}>
          <Button type="submit" aria-busy={pendingOthers || undefined} onClick={preventWhilePending}>
            {pendingOthers ? t("signingOut") : t("signOutOthers")}
          </Button>
        </form>
      ) : (
        <p>{t("onlyThisDevice")}</p>
      )}
      <p ref={statusRef} role="status" tabIndex={-1} className="font-medium">
        {status}
      </p>
      {state && !state.ok ? (
        <p role="alert" className="text-red-800">
          {state.message}
        </p>
      ) : null}
    </div>
  );
}
