import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { UnsubscribeOutcome } from "@/components/unsubscribe/unsubscribe-outcome";
import { withdrawByLink } from "@/lib/consent/withdraw-by-link";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("unsubscribe"))("pageTitle"), robots: { index: false } };
}

// Opening the link is the opt-out (no sign-in, no second click): withdrawing must never
// be harder than granting. Mail clients POST the same URL (RFC 8058); proxy.ts sends
// those posts to app/api/unsubscribe/[token]/route.ts.
export default async function UnsubscribePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const result = await withdrawByLink(token, { userAgent: (await headers()).get("user-agent") });
  if (result.outcome === "invalid") notFound();
  return <UnsubscribeOutcome result={result} />;
}
