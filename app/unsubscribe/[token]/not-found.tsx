import { getTranslations } from "next-intl/server";
import { InvalidUnsubscribeLink } from "@/components/unsubscribe/unsubscribe-outcome";

// Every unusable link (malformed, tampered, expired, for an erased customer) ends here
// with the same 404 page in the browser's language: the answer is no oracle.
export default async function InvalidUnsubscribeLinkPage() {
  const t = await getTranslations("unsubscribe");
  return <InvalidUnsubscribeLink title={t("invalidTitle")} body={t("invalidBody")} signIn={t("invalidManage")} />;
}
