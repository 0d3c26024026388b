import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { getFormatter, getTranslations } from "next-intl/server";
import { calendarDay } from "@/components/account/requests/request-list";
import { ClientMessages } from "@/components/i18n/client-messages";
import { UrgencyBadge } from "@/components/staff/request-queue";
import { AssignForm, ExtendForm, RectifyForm, StatusForm } from "@/components/staff/request-work-forms";
import { currentActor } from "@/lib/current-actor";
import { isNotFoundForPage } from "@/lib/errors";
import { getRequestForStaff } from "@/lib/requests/get-request-for-staff";
import { extensionMonths, rectifiableFieldOptions } from "@/lib/requests/staff-request-options";
import {
  assignRequestAction,
  carryOutRectificationAction,
  changeRequestStatusAction,
  extendRequestDeadlineAction,
} from "../actions";

type Props = {
  params: Promise<{ requestId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

/** Opened once per render (the title and the page share it): each open is one logged view. */
const openedRequest = cache(async (requestId: string) => {
  try {
    return await getRequestForStaff(await currentActor(), requestId);
  } catch (error) {
    if (isNotFoundForPage(error)) notFound();
    throw error;
  }
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const request = await openedRequest((await params).requestId);
  const t = await getTranslations("supportRequests");
  return { title: t("detail.title", { kind: t(`kind.${request.kind}`), customer: request.customer.name }) };
}

export default async function StaffRequestPage({ params, searchParams }: Props) {
  const request = await openedRequest((await params).requestId);
  const { filed } = await searchParams;
  const [t, tStatus, tData, tRequests, format] = await Promise.all([
    getTranslations("supportRequests"),
    getTranslations("requests.status"),
    getTranslations("data"),
    getTranslations("requests"),
    getFormatter(),
  ]);
  const long = (d: Date) => format.dateTime(d, { dateStyle: "long" });
  const when = (d: Date) => format.dateTime(d, { dateStyle: "long", timeStyle: "short" });
  const filedBy = !request.filedByStaff
    ? t("detail.filedByCustomer")
    : request.filedByName
      ? t("detail.filedByAgent", { name: request.filedByName })
      : t("detail.filedByUnnamed");

  return (
    <div className="max-w-3xl space-y-6">
      <Link href="/support/requests" className="link">
        {t("detail.back")}
      </Link>
      <div className="space-y-2">
        <h1 className="heading-with-badge text-3xl">
          <span>{t("detail.title", { kind: t(`kind.${request.kind}`), customer: request.customer.name })}</span>
          <UrgencyBadge urgency={request.urgency} />
        </h1>
        {filed === "1" ? (
          <p role="status" className="rounded-md bg-brand-50 p-3 font-medium">
            {t("detail.filed")}
          </p>
        ) : null}
        <p className="text-sm text-slate-700">{t("detail.logged")}</p>
      </div>

      <section aria-labelledby="facts-heading" className="card space-y-3">
        <h2 id="facts-heading" className="text-xl font-semibold">
          {t("detail.facts")}
        </h2>
        <dl className="facts">
          <div>
            <dt>{t("detail.customer")}</dt>
            <dd>{request.customer.name}</dd>
          </div>
          <div>
            <dt>{t("detail.customerNumber")}</dt>
            <dd>{String(request.customer.number)}</dd>
          </div>
          <div>
            <dt>{t("detail.status")}</dt>
            <dd>{tStatus(request.shownStatus)}</dd>
          </div>
          <div>
            <dt>{t("detail.received")}</dt>
            <dd>{when(request.receivedAt)}</dd>
          </div>
          <div>
            <dt>{t("detail.due")}</dt>
            <dd>
              {request.extendedDueOn
                ? t("detail.dueExtended", {
                    date: long(calendarDay(request.extendedDueOn)),
                    original: long(calendarDay(request.dueOn)),
                  })
                : long(calendarDay(request.dueOn))}
            </dd>
          </div>
          {request.extensionReason ? (
            <div>
              <dt>{t("detail.extensionReason")}</dt>
              <dd className="break-words whitespace-pre-line">{request.extensionReason}</dd>
            </div>
          ) : null}
          <div>
            <dt>{t("detail.channel")}</dt>
            <dd>{t(`channel.${request.channel}`)}</dd>
          </div>
          <div>
            <dt>{t("detail.filedBy")}</dt>
            <dd>{filedBy}</dd>
          </div>
          <div>
            <dt>{t("detail.assignee")}</dt>
            <dd>{request.assigneeName ?? t("detail.nobody")}</dd>
          </div>
          {request.details.category ? (
            <div>
              <dt>{t("detail.category")}</dt>
              <dd>{tData(`categories.${request.details.category as "orders"}.name`)}</dd>
            </div>
          ) : null}
          {request.details.ground ? (
            <div>
              <dt>{t("detail.ground")}</dt>
              <dd>{tRequests(`restriction.grounds.${request.details.ground as "legal_claims"}`)}</dd>
            </div>
          ) : null}
          {request.reason ? (
            <div className="sm:col-span-2">
              <dt>{t("detail.customerWords")}</dt>
              <dd className="break-words whitespace-pre-line">{request.reason}</dd>
            </div>
          ) : null}
          {request.job ? (
            <div>
              <dt>{t("detail.job")}</dt>
              <dd>
                {t(`detail.jobStatus.${request.job.status}`)},{" "}
                {t("detail.jobAttempts", { attempts: request.job.attempts })}
                {request.job.lastError ? (
                  <>
                    {" "}
                    (<code>{request.job.lastError}</code>)
                  </>
                ) : null}
              </dd>
            </div>
          ) : null}
        </dl>
        {request.awaitsCustomer ? <p className="panel">{t("detail.awaitsCustomer")}</p> : null}
        {request.kind === "export" && request.open ? <p className="panel">{t("detail.exportByCustomer")}</p> : null}
        <Link href={`/support/customers/${request.customer.id}/requests/new`} className="link">
          {t("detail.fileAnother")}
        </Link>
      </section>

      {request.open ? (
        <section aria-labelledby="work-heading" className="space-y-4">
          <h2 id="work-heading" className="text-xl font-semibold">
            {t("detail.work")}
          </h2>
          <ClientMessages
            namespaces={[
              "supportRequests.assign",
              "supportRequests.status",
              "supportRequests.extend",
              "supportRequests.rectify",
            ]}
          >
            <div className="card space-y-2">
              {request.assignedToMe ? (
                <p>{t("assign.mine")}</p>
              ) : (
                <AssignForm action={assignRequestAction} requestId={request.id} />
              )}
            </div>
            {request.mayCarryOut ? (
              <section aria-labelledby="rectify-heading" className="card space-y-3">
                <h3 id="rectify-heading" className="text-lg font-semibold">
                  {t("rectify.title")}
                </h3>
                <p className="text-sm">{t("rectify.intro")}</p>
                <RectifyForm
                  action={carryOutRectificationAction}
                  requestId={request.id}
                  fields={rectifiableFieldOptions.map((f) => ({ value: f, label: t(`rectify.field.${f}`) }))}
                />
              </section>
            ) : null}
            <section aria-labelledby="status-heading" className="card space-y-3">
              <h3 id="status-heading" className="text-lg font-semibold">
                {t("status.title")}
              </h3>
              {request.nextStatuses.length > 0 ? (
                <StatusForm
                  action={changeRequestStatusAction}
                  requestId={request.id}
                  statuses={request.nextStatuses.map((status) => ({ value: status, label: tStatus(status) }))}
                />
              ) : (
                <p>{t("status.none")}</p>
              )}
            </section>
            <section aria-labelledby="extend-heading" className="card space-y-3">
              <h3 id="extend-heading" className="text-lg font-semibold">
                {t("extend.title")}
              </h3>
              {request.mayExtend ? (
                <>
                  <p className="text-sm">{t("extend.intro")}</p>
                  <ExtendForm
                    action={extendRequestDeadlineAction}
                    requestId={request.id}
                    months={extensionMonths.map((m) => ({ value: m, label: t(`extend.months.${m}`) }))}
                  />
                </>
              ) : (
                <p>{t("extend.already")}</p>
              )}
            </section>
          </ClientMessages>
        </section>
      ) : (
        <p>{t("detail.closed")}</p>
      )}

      <section aria-labelledby="history-heading" className="space-y-3">
        <h2 id="history-heading" className="text-xl font-semibold">
          {t("detail.history")}
        </h2>
        <ol className="space-y-2 border-l-2 border-brand-700 pl-4">
          {request.history.map((entry, i) => (
            <li key={i}>
              <p>
                <span className="font-medium">{tStatus(entry.shownStatus)}</span>{" "}
                <time dateTime={entry.occurredAt.toISOString()}>{when(entry.occurredAt)}</time>
                {entry.staffName ? <> {t("detail.by", { name: entry.staffName })}</> : null}
              </p>
              {entry.note ? <p className="text-sm break-words">{t("detail.note", { note: entry.note })}</p> : null}
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
