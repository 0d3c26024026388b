"use client";

import Link from "next/link";
import type { FormAction } from "@/lib/actions/types";
import type { ConsentActionState } from "@/lib/consent/consent-schema";
import type { WithdrawalReasonState } from "@/lib/consent/withdrawal-reason-schema";
import { ConsentSwitch } from "./consent-switch";

/** One consent on the account home, its texts already translated by the server. */
export type HomeConsentRow = {
  key: string;
  version: number;
  granted: boolean;
  name: string;
  hint: string;
  paused: string | null;
  /** A newer version waits for an answer: its state, and the link to the prompt that answers it. */
  pending: { badge: string; answer: string; href: string } | null;
};

/**
 * The rows of the home's consents, each with its switch. A client component only so that
 * the page sends the rows as compact data, not as a server-rendered tree that the RSC
 * payload repeats (ARCHITECTURE.md, "Page weight").
 */
export function HomeConsentList({
  rows,
  setConsent,
  giveReason,
}: {
  rows: HomeConsentRow[];
  setConsent: FormAction<ConsentActionState>;
  giveReason?: FormAction<WithdrawalReasonState>;
}) {
  return (
    <ul className="mt-3 divide-y divide-slate-200">
      {rows.map((p) => {
        const nameId = `home-consent-${p.key}`;
        const hintId = `${nameId}-hint`;
        return (
          <li key={p.key} className="consent-row">
            <div className="min-w-0 flex-1">
              <Link id={nameId} href={`/account/purposes#purpose-${p.key}`} className="font-medium text-brand-900">
                {p.name}
              </Link>
              <p id={hintId} className="text-sm text-slate-700">
                {p.hint}
              </p>
              {p.paused ? (
                <p id={`${hintId}-paused`} className="text-sm font-medium text-amber-950">
                  {p.paused}
                </p>
              ) : null}
            </div>
            {p.pending ? (
              // Answered in the prompt above, which says what applies and what changes.
              <div className="flex flex-col items-end gap-1 text-right">
                <p className="state">{p.pending.badge}</p>
                <a href={p.pending.href} className="text-sm text-brand-900 underline">
                  {p.pending.answer}
                </a>
              </div>
            ) : (
              <ConsentSwitch
                action={setConsent}
                purposeKey={p.key}
                purposeVersion={p.version}
                granted={p.granted}
                labelId={nameId}
                describedBy={p.paused ? `${hintId} ${hintId}-paused` : hintId}
                giveReason={giveReason}
              />
            )}
          </li>
        );
      })}
    </ul>
  );
}
