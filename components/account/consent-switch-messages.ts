import type { MessagePath } from "@/lib/i18n/pick-messages";

/** What ConsentSwitch (and the WithdrawalReason it opens) reads: pages wrap it in ClientMessages with this. */
export const consentSwitchMessages = [
  "purposes.on",
  "purposes.off",
  "purposes.grantedNow",
  "purposes.withdrawnNow",
  "withdrawalReason",
] as const satisfies readonly MessagePath[];
