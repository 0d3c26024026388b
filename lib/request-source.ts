import "server-only";
import { headers } from "next/headers";
import { resolveLocale } from "@/lib/i18n/request";
import type { Locale } from "@/lib/i18n/locales";

/** What a consent or objection records about the request that made it (the customer's own browser). */
export type WebRequestSource = { userAgent: string | null; locale: Locale; gpc: boolean };

export async function webRequestSource(): Promise<WebRequestSource> {
  const h = await headers();
  return { userAgent: h.get("user-agent"), locale: await resolveLocale(), gpc: h.get("sec-gpc") === "1" };
}
