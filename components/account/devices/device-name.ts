import type { UserAgentSummary } from "@/lib/sessions/describe-user-agent";

type Translate = (key: string, values?: Record<string, string>) => string;

/** "Chrome 131 on Android 15", with words for what the user agent did not say. */
export function deviceName(t: Translate, device: UserAgentSummary): string {
  return t("device", { browser: device.browser ?? t("unknownBrowser"), os: device.os ?? t("unknownOs") });
}
