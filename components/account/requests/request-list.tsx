import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import type { RequestDto } from "@/lib/requests/list-requests";

/** A YYYY-MM-DD calendar date at noon UTC: the same day in Oslo whatever the season. */
export function calendarDay(day: string): Date {
  return new Date(`${day}T12:00:00Z`);
}

export async function RequestFacts({ request }: { request: RequestDto }) {
  const [t, format] = await Promise.all([getTranslations("requests"), getFormatter()]);
  const long = (d: Date) => format.dateTime(d, { dateStyle: "long" });
  return (
    <>
      <dl className="grid gap-x-6 gap-y-1 text-sm sm:grid-cols-3">
        <div>
          <dt className="font-medium">{t("statusLabel")}</dt>
          <dd>{t(`status.${request.status}`)}</dd>
        </div>
        <div>
          <dt className="font-medium">{t("receivedOn")}</dt>
          <dd>{long(request.receivedAt)}</dd>
        </div>
        {request.open ? (
          <div>
            <dt className="font-medium">{t("dueOn")}</dt>
            <dd>{long(calendarDay(request.effectiveDueOn))}</dd>
          </div>
        ) : request.completedAt ? (
          <div>
            <dt className="font-medium">{t("answeredOn")}</dt>
            <dd>{long(request.completedAt)}</dd>
          </div>
        ) : null}
      </dl>
      {request.extendedDueOn && request.extensionReason ? (
        <p className="mt-2 text-sm">
          {t("extendedTo", { date: long(calendarDay(request.extendedDueOn)), reason: request.extensionReason })}
        </p>
      ) : null}
      {request.overdue ? <p className="mt-2 text-sm font-medium text-red-800">{t("overdue")}</p> : null}
      {request.kind === "restriction" && request.status === "completed" ? (
        <p className="mt-2 text-sm font-medium">{t("inForce")}</p>
      ) : null}
      {request.progress && request.open ? (
        <p className="mt-2 text-sm">
          {request.progress.total
            ? t("progress", { done: request.progress.done, total: request.progress.total })
            : t("progressUnknown", { done: request.progress.done })}
        </p>
      ) : null}
    </>
  );
}

export async function RequestList({ requests }: { requests: RequestDto[] }) {
  const [t, format] = await Promise.all([getTranslations("requests"), getFormatter()]);
  return (
    <ul className="space-y-3">
      {requests.map((request) => {
        const kind = t(`kind.${request.kind}`);
        const headingId = `request-${request.id}`;
        return (
          <li key={request.id}>
            <article aria-labelledby={headingId} className="rounded-lg border border-slate-200 bg-white p-4">
              <h3 id={headingId} className="text-lg font-semibold">
                {kind}
              </h3>
              <div className="mt-2">
                <RequestFacts request={request} />
              </div>
              <Link
                href={`/account/requests/${request.id}`}
                className="mt-3 inline-block font-medium text-brand-900 underline"
                aria-label={t("detailsFor", { kind, date: format.dateTime(request.receivedAt, { dateStyle: "long" }) })}
              >
                {t("details")}
              </Link>
            </article>
          </li>
        );
      })}
    </ul>
  );
}
