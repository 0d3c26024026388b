import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { ClientMessages } from "@/components/i18n/client-messages";
import { CreateWebhookForm } from "@/components/studio/webhooks/create-webhook-form";
import { DisableWebhookForm } from "@/components/studio/webhooks/disable-webhook-form";
import { RedeliverWebhookForm } from "@/components/studio/webhooks/redeliver-webhook-form";
import { currentActor } from "@/lib/current-actor";
import { isNotFoundForPage } from "@/lib/errors";
import { listWebhookAttempts, listWebhookDeliveries } from "@/lib/integration/webhooks/list-webhook-deliveries";
import { listWebhookSubscriptions } from "@/lib/integration/webhooks/list-webhook-subscriptions";
import { webhookEventTypes } from "@/lib/integration/webhooks/webhook-schema";
import {
  createWebhookSubscriptionAction,
  disableWebhookSubscriptionAction,
  redeliverWebhookMessageAction,
} from "./actions";

type Props = {
  params: Promise<{ clientId: string }>;
  searchParams: Promise<{ page?: string; attempts?: string }>;
};

const numberParam = (value: unknown) =>
  typeof value === "string" && /^\d{1,12}$/.test(value) ? Number(value) : undefined;

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { clientId } = await params;
  const t = await getTranslations("webhooks");
  try {
    const { client } = await listWebhookSubscriptions(await currentActor(), { clientId });
    return { title: t("title", { client: client.name }) };
  } catch {
    return {};
  }
}

async function read(clientId: string, page: number | undefined, attemptsOf: number | undefined) {
  const actor = await currentActor();
  try {
    const [subscriptions, log] = await Promise.all([
      listWebhookSubscriptions(actor, { clientId }),
      listWebhookDeliveries(actor, { clientId, page }),
    ]);
    const attempts =
      attemptsOf === undefined ? null : await listWebhookAttempts(actor, { clientId, messageId: attemptsOf }).catch(() => null);
    return { ...subscriptions, log, attempts };
  } catch (error) {
    if (isNotFoundForPage(error)) notFound();
    throw error;
  }
}

export default async function WebhooksPage({ params, searchParams }: Props) {
  const { clientId } = await params;
  if (clientId.length > 100) notFound();
  const query = await searchParams;
  const attemptsOf = numberParam(query.attempts);
  const { client, subscriptions, log, attempts } = await read(clientId, numberParam(query.page), attemptsOf);
  const [t, format] = await Promise.all([getTranslations("webhooks"), getFormatter()]);
  const when = (d: Date) => format.dateTime(d, { dateStyle: "medium", timeStyle: "medium" });
  const eventName = (type: string) => t(`eventTypes.${type}` as "eventTypes.consent.changed");
  const base = `/studio/integrations/${encodeURIComponent(client.id)}/webhooks`;
  const pageHref = (page: number, extra?: string) =>
    `${base}?page=${page}${extra ? `&${extra}` : ""}`;
  return (
    <div className="space-y-8">
      <div className="space-y-2">
        <h1 className="text-3xl font-semibold">{t("title", { client: client.name })}</h1>
        <p className="max-w-3xl">{t("intro", { client: client.name })}</p>
        {client.revoked ? <p className="rounded-md bg-amber-50 p-3 font-medium">{t("revoked")}</p> : null}
        <Link href={`/studio/integrations/${encodeURIComponent(client.id)}`} className="link">
          {t("back")}
        </Link>
      </div>

      <ClientMessages namespaces={["webhooks.subscriptions", "webhooks.create", "webhooks.eventTypes", "webhooks.log"]}>
        <section aria-labelledby="subscriptions-heading" className="space-y-3">
          <h2 id="subscriptions-heading" className="text-xl font-semibold">
            {t("subscriptions.title")}
          </h2>
          {subscriptions.length === 0 ? (
            <p>{t("subscriptions.empty")}</p>
          ) : (
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t("subscriptions.url")}</th>
                  <th scope="col">{t("subscriptions.events")}</th>
                  <th scope="col">{t("subscriptions.created")}</th>
                  <th scope="col">{t("subscriptions.state")}</th>
                </tr>
              </thead>
              <tbody>
                {subscriptions.map((s) => (
                  <tr key={s.id}>
                    <td className="break-all">
                      <code>{s.url}</code>
                    </td>
                    <td>{format.list(s.eventTypes.map(eventName))}</td>
                    <td>{when(s.createdAt)}</td>
                    <td>
                      {s.disabledAt ? (
                        t("subscriptions.disabledOn", { date: when(s.disabledAt) })
                      ) : (
                        <div className="space-y-2">
                          <p>{t("subscriptions.active")}</p>
                          <DisableWebhookForm action={disableWebhookSubscriptionAction} subscriptionId={s.id} url={s.url} />
                        </div>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>

        {client.revoked ? null : (
          <section aria-labelledby="create-heading" className="card space-y-3 p-5">
            <h2 id="create-heading" className="text-xl font-semibold">
              {t("create.title")}
            </h2>
            <CreateWebhookForm action={createWebhookSubscriptionAction} clientId={client.id} eventTypes={webhookEventTypes} />
          </section>
        )}

        <section aria-labelledby="log-heading" className="space-y-3">
          <h2 id="log-heading" className="text-xl font-semibold">
            {t("log.title")}
          </h2>
          <p className="max-w-3xl">{t("log.intro")}</p>
          {log.items.length === 0 ? (
            <p>{t("log.empty")}</p>
          ) : (
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t("log.event")}</th>
                  <th scope="col">{t("log.created")}</th>
                  <th scope="col">{t("log.status")}</th>
                  <th scope="col">{t("log.attempts")}</th>
                  <th scope="col">{t("log.lastAttempt")}</th>
                </tr>
              </thead>
              <tbody>
                {log.items.map((m) => (
                  <tr key={m.id}>
                    <td>
                      {eventName(m.eventType)}
                      <br />
                      <code className="text-sm">{m.messageId}</code>
                    </td>
                    <td>{when(m.createdAt)}</td>
                    <td>{t("log.statusName", { status: m.status })}</td>
                    <td>
                      <div className="space-y-2">
                        <p>{m.attempts}</p>
                        {m.attempts > 0 ? (
                          <Link href={pageHref(log.page, `attempts=${m.id}#attempts`)} className="link">
                            {t("log.showAttempts")}
                            <span className="sr-only">: {m.messageId}</span>
                          </Link>
                        ) : null}
                      </div>
                    </td>
                    <td>
                      <div className="space-y-2">
                        <p>
                          {m.lastAttempt
                            ? t("log.outcome", {
                                code: m.lastAttempt.statusCode === null ? "none" : String(m.lastAttempt.statusCode),
                                error: m.lastAttempt.error ?? "",
                                time: when(m.lastAttempt.at),
                              })
                            : t("log.none")}
                        </p>
                        {m.redeliverable ? (
                          <RedeliverWebhookForm
                            action={redeliverWebhookMessageAction}
                            messageId={m.id}
                            label={`${eventName(m.eventType)}, ${when(m.createdAt)}`}
                          />
                        ) : null}
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {log.pageCount > 1 ? (
            <nav aria-label={t("log.pages")} className="flex flex-wrap items-center gap-4">
              {log.page > 1 ? (
                <Link href={pageHref(log.page - 1)} className="link">
                  {t("log.previous")}
                </Link>
              ) : null}
              <span>{t("log.page", { page: log.page, count: log.pageCount })}</span>
              {log.page < log.pageCount ? (
                <Link href={pageHref(log.page + 1)} className="link">
                  {t("log.next")}
                </Link>
              ) : null}
            </nav>
          ) : null}
          {attempts && attemptsOf !== undefined ? (
            <section id="attempts" aria-labelledby="attempts-heading" className="card space-y-2 p-4">
              <h3 id="attempts-heading" className="font-semibold">
                {t("log.attemptsTitle", { id: log.items.find((m) => m.id === attemptsOf)?.messageId ?? String(attemptsOf) })}
              </h3>
              {attempts.length === 0 ? (
                <p>{t("log.attemptsEmpty")}</p>
              ) : (
                <ol className="space-y-1">
                  {attempts.map((a) => (
                    <li key={a.id}>
                      {t("log.outcome", {
                        code: a.statusCode === null ? "none" : String(a.statusCode),
                        error: a.error ?? "",
                        time: when(a.attemptedAt),
                      })}{" "}
                      ({t("log.duration", { ms: a.durationMs })}){a.redelivered ? `, ${t("log.byStaff")}` : ""}
                    </li>
                  ))}
                </ol>
              )}
            </section>
          ) : null}
        </section>
      </ClientMessages>
    </div>
  );
}
