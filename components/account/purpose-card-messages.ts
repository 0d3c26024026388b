import type { MessagePath } from "@/lib/i18n/pick-messages";
import { consentSwitchMessages } from "./consent-switch-messages";

/** What a PurposeCard's client parts read (its view and its switch): pages wrap the cards in ClientMessages with this. */
export const purposeCardMessages = [
  ...consentSwitchMessages,
  "purposes.benefit",
  "purposes.ifOff",
  "purposes.whyNotSwitchable",
  "purposeCard.forYou",
  "purposeCard.ifObjected",
  "purposeCard.sharesTag",
  "moreDetails.purpose",
] as const satisfies readonly MessagePath[];
