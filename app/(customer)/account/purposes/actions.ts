"use server";

import { defineAction } from "@/lib/define-action";
import type { FormAction } from "@/lib/actions/types";
import { setConsentSchema, type ConsentActionState } from "@/lib/consent/consent-schema";
import { recordWithdrawalReason } from "@/lib/consent/record-withdrawal-reason";
import { setConsent } from "@/lib/consent/set-consent";
import { withdrawalReasonSchema, type WithdrawalReasonState } from "@/lib/consent/withdrawal-reason-schema";
import { issueWithdrawalReasonToken } from "@/lib/consent/withdrawal-reason-token";
import { webRequestSource } from "@/lib/request-source";

export const setConsentAction: FormAction<ConsentActionState> = defineAction({
  name: "set consent",
  schema: setConsentSchema,
  principal: "actor",
  run: async (actor, input) =>
    setConsent(actor, { ...input, source: { channel: "web", ...(await webRequestSource()) } }),
  // An answered prompt stays on screen with its confirmation instead of vanishing under
  // the customer's focus; the next navigation shows the new state.
  revalidate: { path: "/account", type: "layout", when: (_, { method }) => method === "switch" },
  ok: async ({ purposeKey, granted, eventId }, { method }) => ({
    purposeKey,
    granted,
    method,
    // A withdrawal just made may be followed by an anonymous "why?" (withdrawal-reason.tsx).
    ...(eventId !== null && !granted ? { reasonToken: await issueWithdrawalReasonToken(purposeKey) } : {}),
  }),
});

/** The optional, anonymous reason after a withdrawal. The withdrawal itself is already done. */
export const giveWithdrawalReasonAction: FormAction<WithdrawalReasonState> = defineAction({
  name: "withdrawal reason",
  schema: withdrawalReasonSchema,
  messages: "withdrawalReason",
  refusal: "first-field",
  // The ticket the page was given: a bad one is a question no longer open.
  hiddenFields: { token: "invalidToken", purposeKey: "invalidToken" },
  principal: "actor",
  run: recordWithdrawalReason,
});
