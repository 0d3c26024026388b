import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import type { RequestDto } from "@/lib/requests/list-requests";
import { requestTitle } from "./request-title";

/** A YYYY-MM-DD calendar date at noon UTC: the same day in Oslo whatever the season. */
export function calendarDay(day: string): Date {
  return new Date(`${day}T12:00:00Z`);
}

/** The date that matters next to the status: when an answer is due, or when it came or ended. */
function keyDate(
  request: RequestDto,
): { label: "dueOn" | "inForceSince" | "liftedOn" | "answeredOn"; date: Date } | null {
  if (request.open) return { label: "dueOn", date: calendarDay(request.effectiveDueOn) };
  if (request.shownStatus === "in_force" && request.completedAt)
    return { label: "inForceSince", date: request.completedAt };
  if (request.liftedAt) return { label: "liftedOn", date: request.liftedAt };
  if (request.completedAt) return { label: "answeredOn", date: request.completedAt };
  return null;
}

export async function RequestFacts({ request }: { request: RequestDto }) {
  const [t, format] = await Promise.all([getTranslations("requests"), getFormatter()]);
  const long = (d: Date) => format.dateTime(d, { dateStyle: "long" });
  const key = keyDate(request);
  return (
    <>
      <dl className="grid gap-x-6 gap-y-1 text-sm sm:grid-cols-3">
        <div>
          <dt className="font-medium">{t("statusLabel")}</dt>
          <dd>{t(`status.${request.shownStatus}`)}</dd>
        </div>
        <div>
          <dt className="font-medium">{t("receivedOn")}</dt>
          <dd>{long(request.receivedAt)}</dd>
        </div>
        {key ? (
          <div>
            <dt className="font-medium">{t(key.label)}</dt>
            <dd>{long(key.date)}</dd>
          </div>
        ) : null}
      </dl>
      {request.filedByStaff && request.channel !== "portal" ? (
        <p className="mt-2 text-sm">
          {request.filedByName
            ? t("filedFor", { name: request.filedByName, channel: request.channel, date: long(request.receivedAt) })
            : t("filedForUnnamed", { channel: request.channel, date: long(request.receivedAt) })}
        </p>
      ) : null}
      {request.extendedDueOn && request.extensionReason ? (
        <p className="mt-2 text-sm">
          {t("extendedTo", { date: long(calendarDay(request.extendedDueOn)), reason: request.extensionReason })}
        </p>
      ) : null}
      {request.overdue ? <p className="mt-2 text-sm font-medium text-red-800">{t("overdue")}</p> : null}
      {request.shownStatus === "in_force" ? <p className="mt-2 text-sm font-medium">{t("inForce")}</p> : null}
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

export async function RequestList({
  requests,
  purposeNames,
}: {
  requests: RequestDto[];
  /** Names of the purposes objections name, by key. */
  purposeNames: ReadonlyMap<string, string>;
}) {
  const [t, format] = await Promise.all([getTranslations("requests"), getFormatter()]);
  const titles = await Promise.all(requests.map((request) => requestTitle(request, purposeNames)));
  return (
    <ul className="space-y-3">
      {requests.map((request, i) => {
        const title = titles[i]!;
        const headingId = `request-${request.id}`;
        return (
          <li key={request.id}>
            <article aria-labelledby={headingId} className="card">
              <h3 id={headingId} className="text-lg font-semibold break-words">
                {title}
              </h3>
              <div className="mt-2">
                <RequestFacts request={request} />
              </div>
              <Link
                href={`/account/requests/${request.id}`}
                className="more-link"
                aria-label={t("detailsFor", {
                  title,
                  date: format.dateTime(request.receivedAt, { dateStyle: "long" }),
                })}
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
