import type { EffectiveConsent } from "@/lib/consent/effective-consent";

/** Why the answer is what it is; the same words for one customer and for a bulk check. */
export const decisionReasons = [
  // allow
  "granted",
  "legitimate_interest",
  "required",
  // deny: the consent
  "not_asked",
  "withdrawn",
  "expired",
  "objected",
  "global_privacy_control",
  "restricted",
  "erased",
  // deny: the channel asked about
  "channel_not_offered",
  "channel_needs_reconsent",
  "channel_switched_off",
  // bulk only: no customer by that reference (one customer: a 404)
  "unknown_customer",
] as const;
export type DecisionReason = (typeof decisionReasons)[number];

/** The reason for a consent's answer; `byGpc`: the last choice came from the browser's Global Privacy Control signal. */
export function consentReason(consent: EffectiveConsent, byGpc: boolean): DecisionReason {
  switch (consent.status) {
    case "required":
      return "required";
    case "in_use":
      return "legitimate_interest";
    case "granted":
      return "granted";
    case "withdrawn":
    case "objected":
      // The browser's Global Privacy Control signal made this choice, not a click.
      return byGpc ? "global_privacy_control" : consent.status;
    case "not_asked":
    case "expired":
    case "restricted":
      return consent.status;
  }
}
