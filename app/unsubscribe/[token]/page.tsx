import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { UnsubscribeConfirm, UnsubscribeOutcome } from "@/components/unsubscribe/unsubscribe-outcome";
import { previewUnsubscribeLink } from "@/lib/consent/withdraw-by-link";
import { unsubscribeByLinkAction } from "./actions";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("unsubscribe"))("pageTitle"), robots: { index: false } };
}

// Opening the link shows what it switches off and one "Unsubscribe" button (no sign-in):
// withdrawing stays one interaction, but mail gateways, which open (GET, HEAD) every link
// in a mail, change nothing. Mail clients POST the same URL (RFC 8058); proxy.ts sends
// those posts to app/api/unsubscribe/[token]/route.ts.
export default async function UnsubscribePage({
  params,
  searchParams,
}: {
  params: Promise<{ token: string }>;
  searchParams: Promise<{ done?: string }>;
}) {
  const [{ token }, { done }] = await Promise.all([params, searchParams]);
  const preview = await previewUnsubscribeLink(token);
  if (preview.outcome === "invalid") notFound();
  if (preview.outcome === "in_use") {
    return <UnsubscribeConfirm preview={preview} token={token} action={unsubscribeByLinkAction} />;
  }
  // Right after the press, the switch-off found now is the one just made.
  const { outcome, ...target } = preview;
  return <UnsubscribeOutcome result={{ ...target, outcome: done === "1" && outcome === "already_off" ? "withdrawn" : outcome }} />;
}
