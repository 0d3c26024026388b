import type { MessagePath } from "@/lib/i18n/pick-messages";

// What the client components of erasure-panel.tsx read, out of the large `erasure`
// namespace: pages wrap them in ClientMessages with these.
export const erasureBannerMessages = [
  "erasure.cancelled",
  "erasure.scheduledBanner",
  "erasure.scheduledHelp",
  "erasure.cancelling",
  "erasure.cancel",
] as const satisfies readonly MessagePath[];

export const erasureConfirmMessages = [
  "erasure.scheduled",
  "erasure.reauthText",
  "erasure.sendingLink",
  "erasure.sendLink",
  "erasure.linkSent",
  "erasure.understand",
  "erasure.confirming",
  "erasure.confirm",
] as const satisfies readonly MessagePath[];
