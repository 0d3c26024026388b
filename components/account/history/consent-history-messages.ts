import type { MessagePath } from "@/lib/i18n/pick-messages";

/** What ConsentHistoryList reads, out of the `consentHistory` namespace. */
export const consentHistoryListMessages = [
  "consentHistory.listLabel",
  "consentHistory.actions",
  "consentHistory.when",
  "consentHistory.version",
  "consentHistory.channel",
  "consentHistory.channels",
  "consentHistory.method",
  "consentHistory.methods",
  "consentHistory.device",
  "consentHistory.deviceName",
  "consentHistory.unknownDevice",
  "consentHistory.gpc",
  "consentHistory.gpcSent",
  "consentHistory.gpcNotSent",
  "consentHistory.expires",
  "consentHistory.gpcPlain",
  "consentHistory.shownTextIn",
  "consentHistory.technical",
  "consentHistory.text",
  "consentHistory.download",
  "consentHistory.downloadContext",
] as const satisfies readonly MessagePath[];
