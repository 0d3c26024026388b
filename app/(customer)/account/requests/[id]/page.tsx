import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { ConfirmRestrictionForm, DeclineFiledForm } from "@/components/account/requests/filed-request-answer";
import { LiftRestrictionForm } from "@/components/account/requests/request-forms";
import { calendarDay, RequestFacts } from "@/components/account/requests/request-list";
import { ClientMessages } from "@/components/i18n/client-messages";
import { requestTitle } from "@/components/account/requests/request-title";
import { listCustomerPurposes } from "@/lib/consent/list-customer-purposes";
import { currentActor } from "@/lib/current-actor";
import { isAppError } from "@/lib/errors";
import type { Locale } from "@/lib/i18n/locales";
import { getRequest, type RequestDetailDto } from "@/lib/requests/list-requests";
import { confirmFiledRestrictionAction, declineFiledRequestAction, liftRestrictionAction } from "../actions";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

// The browser's title names what was asked, like the page's heading ("Correction: your orders").
export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: (await titledRequest((await params).id)).title };
}

async function ownRequest(id: string): Promise<RequestDetailDto> {
  try {
    return await getRequest(await currentActor(), id);
  } catch (error) {
    // Someone else's request, a malformed id and a missing one look the same.
    if (isAppError(error) && error.code === "not_found") notFound();
    throw error;
  }
}

/** The request and its title, read once per render (the metadata and the page share it). */
const titledRequest = cache(async (id: string) => {
  const request = await ownRequest(id);
  const purposeNames = request.details.purposeKeys?.length
    ? new Map(
        (await listCustomerPurposes(await currentActor(), (await getLocale()) as Locale)).map((p) => [p.key, p.name]),
      )
    : new Map<string, string>();
  return { request, purposeNames, title: await requestTitle(request, purposeNames) };
});

export default async function RequestDetailPage({ params, searchParams }: Props) {
  const { id } = await params;
  const { filed, lifted } = await searchParams;
  const { request, purposeNames, title } = await titledRequest(id);
  const [t, tData, format] = await Promise.all([getTranslations("requests"), getTranslations("data"), getFormatter()]);
  const long = (d: Date) => format.dateTime(d, { dateStyle: "long" });
  const when = (d: Date) => format.dateTime(d, { dateStyle: "long", timeStyle: "short" });

  return (
    <div className="space-y-8">
      <div className="space-y-2">
        <Link href="/account/requests" className="font-medium text-brand-900 underline">
          {t("detail.back")}
        </Link>
        <h1 className="text-3xl font-semibold break-words">{title}</h1>
        {filed === "1" ? (
          <p role="status" className="rounded-md bg-brand-50 p-3 font-medium">
            {t("detail.filed")}
          </p>
        ) : null}
        {lifted === "1" && request.status === "lifted" ? (
          <p role="status" className="rounded-md bg-brand-50 p-3 font-medium">
            {t("restriction.lifted")}
          </p>
        ) : null}
      </div>

      <section aria-labelledby="facts-heading" className="space-y-3 card p-5">
        <h2 id="facts-heading" className="sr-only">
          {t("details")}
        </h2>
        <RequestFacts request={request} />
        {request.open ? (
          <p>{t("detail.dueExplain", { date: long(calendarDay(request.dueOn)) })}</p>
        ) : request.shownStatus === "in_force" ? (
          <p>{t("detail.inForce")}</p>
        ) : request.liftedAt ? (
          <p>{t("detail.lifted", { date: long(request.liftedAt) })}</p>
        ) : request.kind === "objection" && request.status === "completed" ? (
          <p>
            {t.rich("detail.objectionDone", {
              link: (chunks) => (
                <Link href="/account/purposes" className="link-text">
                  {chunks}
                </Link>
              ),
            })}
          </p>
        ) : (
          <p>{t("detail.closed")}</p>
        )}
        {request.extendedDueOn && request.extensionReason ? (
          <p>
            {t("detail.extendedExplain", {
              date: long(calendarDay(request.extendedDueOn)),
              reason: request.extensionReason,
            })}
          </p>
        ) : null}
        {request.scheduledFor && request.open ? (
          <p>{t("detail.scheduledFor", { date: when(request.scheduledFor) })}</p>
        ) : null}
        <dl className="space-y-2">
          {request.details.ground ? (
            <div>
              <dt className="font-medium">{t("detail.ground")}</dt>
              <dd>{t(`restriction.grounds.${request.details.ground as "legal_claims"}`)}</dd>
            </div>
          ) : null}
          {request.details.category ? (
            <div>
              <dt className="font-medium">{t("detail.category")}</dt>
              <dd>{tData(`categories.${request.details.category as "orders"}.name`)}</dd>
            </div>
          ) : null}
          {request.details.purposeKeys?.length ? (
            <div>
              <dt className="font-medium">{t("detail.purposes")}</dt>
              <dd>{format.list(request.details.purposeKeys.map((k) => purposeNames.get(k) ?? k))}</dd>
            </div>
          ) : null}
          {request.reason ? (
            <div>
              <dt className="font-medium">{t("detail.yourReason")}</dt>
              <dd className="whitespace-pre-line break-words">{request.reason}</dd>
            </div>
          ) : null}
        </dl>
        {request.shownStatus === "in_force" ? (
          <ClientMessages namespaces={["requests.restriction"]}>
            <LiftRestrictionForm action={liftRestrictionAction} requestId={request.id} />
          </ClientMessages>
        ) : null}
        {request.filedByStaff && request.status === "received" && request.kind === "export" ? (
          <p>{t("detail.filedExport")}</p>
        ) : null}
        {request.kind === "export" ? (
          <Link href="/account/export" className="inline-block font-medium text-brand-900 underline">
            {t("detail.exportLink")}
          </Link>
        ) : null}
        {request.kind === "erasure" ? (
          <Link href="/account/delete" className="inline-block font-medium text-brand-900 underline">
            {t("detail.erasureLink")}
          </Link>
        ) : null}
      </section>

      {request.awaitsCustomer ? (
        <section aria-labelledby="answer-heading" className="card space-y-4 p-5">
          <h2 id="answer-heading" className="text-xl font-semibold">
            {t("filedAnswer.title")}
          </h2>
          <p>{t("filedAnswer.intro")}</p>
          <ClientMessages namespaces={["requests.filedAnswer"]}>
            {request.kind === "restriction" ? (
              <ConfirmRestrictionForm action={confirmFiledRestrictionAction} requestId={request.id} />
            ) : (
              <Link
                href={
                  request.kind === "objection" ? `/account/requests/object?confirms=${request.id}` : "/account/delete"
                }
                className="btn btn-secondary"
              >
                {t(request.kind === "objection" ? "filedAnswer.confirmObjection" : "filedAnswer.confirmErasure")}
              </Link>
            )}
            <DeclineFiledForm action={declineFiledRequestAction} requestId={request.id} />
          </ClientMessages>
        </section>
      ) : null}

      <section aria-labelledby="timeline-heading" className="space-y-3">
        <h2 id="timeline-heading" className="text-xl font-semibold">
          {t("detail.timeline")}
        </h2>
        <ol className="space-y-2 border-l-2 border-brand-700 pl-4">
          {request.history.map((entry, i) => (
            <li key={i}>
              <p>
                <span className="font-medium">{t(`status.${entry.shownStatus}`)}</span>{" "}
                <time dateTime={entry.occurredAt.toISOString()}>{when(entry.occurredAt)}</time>
                {entry.staffName ? <> {t("byStaff", { name: entry.staffName })}</> : null}
              </p>
              {entry.note ? <p className="text-sm break-words">{t("detail.note", { note: entry.note })}</p> : null}
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
