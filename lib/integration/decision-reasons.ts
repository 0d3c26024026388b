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
