import Link from "next/link";
import { getTranslations } from "next-intl/server";

/** On the support home: the way to the request queue. */
export async function RequestQueueLink() {
  const t = await getTranslations("supportRequests.home");
  return (
    <section aria-labelledby="queue-link-heading" className="card space-y-2 p-5">
      <h2 id="queue-link-heading" className="text-xl font-semibold">
        {t("title")}
      </h2>
      <p>{t("text")}</p>
      <Link href="/support/requests" className="link">
        {t("link")}
      </Link>
    </section>
  );
}
