import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { calendarDay } from "@/components/account/requests/request-list";
import type { QueuePage, QueueUrgency } from "@/lib/requests/list-request-queue";
import {
  queueAssigneeFilters,
  queueDirections,
  queueSearch,
  queueSorts,
  queueStatusFilters,
  type QueueParams,
} from "@/lib/requests/queue-params";
import { fileableKinds } from "@/lib/requests/staff-request-options";

/** Overdue and due-soon say so in words, with a border, not by colour alone. */
export async function UrgencyBadge({ urgency }: { urgency: QueueUrgency }) {
  if (!urgency) return null;
  const t = await getTranslations("supportRequests.urgency");
  const tone =
    urgency === "overdue" ? "border-red-800 bg-red-50 text-red-900" : "border-amber-700 bg-amber-50 text-amber-950";
  return <span className={`badge ${tone}`}>{t(urgency)}</span>;
}

function Select({
  id,
  name,
  label,
  value,
  options,
}: {
  id: string;
  name: string;
  label: string;
  value: string;
  options: { value: string; label: string }[];
}) {
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <select id={id} name={name} defaultValue={value} className="input">
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The queue: a GET form of filters (bookmarkable, the back button works) and a page of requests. */
export async function RequestQueue({ params, page }: { params: QueueParams; page: QueuePage }) {
  const [t, tKind, tChannel, tStatus, format] = await Promise.all([
    getTranslations("supportRequests.queue"),
    getTranslations("supportRequests.kind"),
    getTranslations("supportRequests.channel"),
    getTranslations("requests.status"),
    getFormatter(),
  ]);
  const long = (d: Date) => format.dateTime(d, { dateStyle: "medium" });
  return (
    <div className="space-y-4">
      <form method="get" action="/support/requests" aria-labelledby="queue-filters" className="card space-y-3">
        <h2 id="queue-filters" className="text-lg font-semibold">
          {t("filters")}
        </h2>
        <div className="grid gap-3 sm:grid-cols-3">
          <Select
            id="q-status"
            name="status"
            label={t("statusLabel")}
            value={params.status}
            options={queueStatusFilters.map((v) => ({ value: v, label: t(`status.${v}`) }))}
          />
          <Select
            id="q-kind"
            name="kind"
            label={t("kindLabel")}
            value={params.kind ?? ""}
            options={[{ value: "", label: t("anyKind") }, ...fileableKinds.map((k) => ({ value: k, label: tKind(k) }))]}
          />
          <Select
            id="q-assignee"
            name="assignee"
            label={t("assigneeLabel")}
            value={params.assignee}
            options={queueAssigneeFilters.map((v) => ({ value: v, label: t(`assignee.${v}`) }))}
          />
          <Select
            id="q-sort"
            name="sort"
            label={t("sortLabel")}
            value={params.sort}
            options={queueSorts.map((v) => ({ value: v, label: t(`sort.${v}`) }))}
          />
          <Select
            id="q-dir"
            name="dir"
            label={t("dirLabel")}
            value={params.dir}
            options={queueDirections.map((v) => ({ value: v, label: t(`dir.${v}`) }))}
          />
          <div className="flex items-end gap-2">
            <input
              id="q-overdue"
              type="checkbox"
              name="overdue"
              value="1"
              defaultChecked={params.overdue}
              className="mb-3 size-5 accent-brand-700"
            />
            <label htmlFor="q-overdue" className="mb-2.5">
              {t("overdueOnly")}
            </label>
          </div>
        </div>
        <button type="submit" className="btn btn-primary">
          {t("apply")}
        </button>
      </form>

      {page.rows.length === 0 ? (
        <p role="status">{t("empty")}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="data-table" aria-label={t("results")}>
            <thead>
              <tr>
                <th scope="col">{t("type")}</th>
                <th scope="col">{t("customer")}</th>
                <th scope="col">{t("received")}</th>
                <th scope="col">{t("due")}</th>
                <th scope="col">{t("statusColumn")}</th>
                <th scope="col">{t("assigneeColumn")}</th>
                <th scope="col">{t("channelColumn")}</th>
              </tr>
            </thead>
            <tbody>
              {page.rows.map((row) => (
                <tr key={row.id}>
                  <td data-label={t("type")}>
                    <span>
                      <Link
                        href={`/support/requests/${row.id}`}
                        className="link-text"
                        aria-label={t("openLabel", {
                          kind: tKind(row.kind),
                          customer: row.customer.name,
                          date: long(row.receivedAt),
                        })}
                      >
                        {tKind(row.kind)}
                      </Link>
                    </span>
                  </td>
                  <td data-label={t("customer")}>
                    <span>
                      {row.customer.name}{" "}
                      <span className="text-slate-700">
                        ({t("customerNumber", { number: String(row.customer.number) })})
                      </span>
                    </span>
                  </td>
                  <td data-label={t("received")}>
                    <span>{long(row.receivedAt)}</span>
                  </td>
                  <td data-label={t("due")}>
                    <span className="space-x-2">
                      <span>{long(calendarDay(row.effectiveDueOn))}</span>
                      {row.extended ? <span className="text-slate-700">({t("extended")})</span> : null}
                      <UrgencyBadge urgency={row.urgency} />
                    </span>
                  </td>
                  <td data-label={t("statusColumn")}>
                    <span>{tStatus(row.shownStatus)}</span>
                  </td>
                  <td data-label={t("assigneeColumn")}>
                    <span>{row.assigneeName ?? t("nobody")}</span>
                  </td>
                  <td data-label={t("channelColumn")}>
                    <span>{tChannel(row.channel)}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {params.after || page.next ? (
        <nav aria-label={t("pages")} className="flex gap-4">
          {params.after ? (
            <Link href={`/support/requests${queueSearch(params)}`} className="link">
              {t("first")}
            </Link>
          ) : null}
          {page.next ? (
            <Link href={`/support/requests${queueSearch(params, page.next)}`} className="link">
              {t("next")}
            </Link>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}
