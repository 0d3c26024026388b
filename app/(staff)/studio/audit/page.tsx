import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { checkAuditChain, listAuditEntries, listBrowsingReviews } from "@/lib/audit/list-audit-entries";
import { currentActor } from "@/lib/current-actor";

type Props = { searchParams: Promise<{ before?: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("studio.audit"))("title") };
}

export default async function AuditPage({ searchParams }: Props) {
  const { before } = await searchParams;
  // A page cursor is an entry id; anything else starts from the newest.
  const beforeId = typeof before === "string" && /^\d{1,15}$/.test(before) ? Number(before) : undefined;
  const actor = await currentActor();
  const [chain, page, reviews] = await Promise.all([
    checkAuditChain(actor),
    listAuditEntries(actor, { beforeId }),
    listBrowsingReviews(actor),
  ]);
  const [t, format] = await Promise.all([getTranslations("studio.audit"), getFormatter()]);
  const when = (d: Date) => format.dateTime(d, { dateStyle: "medium", timeStyle: "medium" });
  const actionLabel = (action: string) => (t.has(`actions.${action}`) ? t(`actions.${action}` as "title") : action);
  return (
    <div className="space-y-8">
      <div className="space-y-2">
        <h1 className="text-3xl font-semibold">{t("title")}</h1>
        <p className="max-w-3xl">{t("intro")}</p>
      </div>
      <section aria-labelledby="verify-heading" className="card space-y-2 p-5">
        <h2 id="verify-heading" className="text-xl font-semibold">
          {t("verifyTitle")}
        </h2>
        {chain.ok ? (
          <p className="font-medium text-brand-900">{t("whole", { count: chain.entries })}</p>
        ) : (
          <p className="rounded-md bg-red-50 p-3 font-medium text-red-900">
            {t("broken", {
              id: chain.firstBroken.id,
              date: when(chain.firstBroken.occurredAt),
              problem: chain.firstBroken.problem,
            })}
          </p>
        )}
      </section>
      <section aria-labelledby="entries-heading" className="space-y-3">
        <h2 id="entries-heading" className="text-xl font-semibold">
          {t("entriesTitle")}
        </h2>
        {page.entries.length === 0 ? (
          <p>{t("none")}</p>
        ) : (
          <table className="data-table">
            <caption className="sr-only">{t("caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("entry")}</th>
                <th scope="col">{t("when")}</th>
                <th scope="col">{t("who")}</th>
                <th scope="col">{t("what")}</th>
                <th scope="col">{t("target")}</th>
                <th scope="col">{t("changes")}</th>
              </tr>
            </thead>
            <tbody>
              {page.entries.map((entry) => (
                <tr key={entry.id}>
                  <td>{entry.id}</td>
                  <td>{when(entry.occurredAt)}</td>
                  <td>{entry.actorName}</td>
                  <td>{actionLabel(entry.action)}</td>
                  <td>
                    <code>{entry.target}</code>
                  </td>
                  <td>
                    {entry.changes.length === 0 ? (
                      t("noChanges")
                    ) : (
                      <dl className="space-y-1 text-sm">
                        {entry.changes.map((change) => (
                          <div key={change.path}>
                            <dt className="font-medium">
                              <code>{change.path}</code>
                            </dt>
                            <dd>
                              <del className="mr-2">
                                <span className="sr-only">{t("before")}: </span>
                                {change.before ?? t("empty")}
                              </del>
                              <ins>
                                <span className="sr-only">{t("after")}: </span>
                                {change.after ?? t("empty")}
                              </ins>
                            </dd>
                          </div>
                        ))}
                      </dl>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <nav className="flex gap-4" aria-labelledby="entries-heading">
          {beforeId ? (
            <Link href="/studio/audit" className="link">
              {t("newest")}
            </Link>
          ) : null}
          {page.nextBeforeId ? (
            <Link href={`/studio/audit?before=${page.nextBeforeId}`} className="link">
              {t("older")}
            </Link>
          ) : null}
        </nav>
      </section>
      <section aria-labelledby="reviews-heading" className="space-y-3">
        <h2 id="reviews-heading" className="text-xl font-semibold">
          {t("reviewsTitle")}
        </h2>
        <p className="max-w-3xl">{t("reviewsIntro")}</p>
        {reviews.length === 0 ? (
          <p>{t("noReviews")}</p>
        ) : (
          <table className="data-table">
            <caption className="sr-only">{t("reviewsCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("when")}</th>
                <th scope="col">{t("who")}</th>
                <th scope="col">{t("what")}</th>
              </tr>
            </thead>
            <tbody>
              {reviews.map((review) => (
                <tr key={review.id}>
                  <td>{when(review.occurredAt)}</td>
                  <td>{review.staffName}</td>
                  <td>
                    {t.has(`reviewKind.${review.kind}`) ? t(`reviewKind.${review.kind}` as "title") : review.kind}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
