import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { ClientMessages } from "@/components/i18n/client-messages";
import { RevokeApiClientForm } from "@/components/studio/integrations/revoke-api-client-form";
import { RotateTokenForm } from "@/components/studio/integrations/rotate-token-form";
import { currentActor } from "@/lib/current-actor";
import { isNotFoundForPage } from "@/lib/errors";
import { countryName } from "@/lib/i18n/country-name";
import { OVERLAP_HOURS_DEFAULT } from "@/lib/integration/api-client-schema";
import { getApiClient } from "@/lib/integration/api-clients";
import { revokeApiClientAction, rotateApiClientTokenAction } from "../actions";

type Props = { params: Promise<{ clientId: string }> };

async function clientOf(clientId: string) {
  try {
    return await getApiClient(await currentActor(), clientId);
  } catch (error) {
    if (isNotFoundForPage(error)) notFound();
    throw error;
  }
}

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("studio.integrations"))("title") };
}

export default async function StudioApiClientPage({ params }: Props) {
  const { clientId } = await params;
  const client = await clientOf(clientId);
  const [t, format, locale] = await Promise.all([getTranslations("studio.integrations"), getFormatter(), getLocale()]);
  const when = (date: Date) => format.dateTime(date, { dateStyle: "medium", timeStyle: "short" });
  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <Link href="/studio/integrations" className="link">
          {t("backToList")}
        </Link>
        <h1 className="text-3xl font-semibold">{client.name}</h1>
        {client.revokedAt ? (
          <p className="font-medium text-red-900">
            {t("revokedNote", { date: format.dateTime(client.revokedAt, { dateStyle: "long", timeStyle: "short" }) })}
          </p>
        ) : null}
        <dl className="facts">
          <dt>{t("status")}</dt>
          <dd>
            {client.revokedAt
              ? t("revokedOn", { date: format.dateTime(client.revokedAt, { dateStyle: "medium" }) })
              : t("active")}
          </dd>
          <dt>{t("country")}</dt>
          <dd>{countryName(client.country, locale)}</dd>
          <dt>{t("createdOn")}</dt>
          <dd>{when(client.createdAt)}</dd>
        </dl>
        <p>
          <Link href={`/studio/integrations/${client.id}/webhooks`} className="link">
            {t("webhooks")}
          </Link>
        </p>
      </div>

      <section aria-labelledby="scopes-heading" className="space-y-2">
        <h2 id="scopes-heading" className="text-xl font-semibold">
          {t("scopes")}
        </h2>
        <ul className="list-disc space-y-1 pl-6">
          {client.scopes.map((scope) => (
            <li key={scope}>
              <span className="font-medium">{t(`scopeLabel.${scope}`)}</span>: {t(`scopeExplain.${scope}`)}
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="tokens-heading" className="space-y-2">
        <h2 id="tokens-heading" className="text-xl font-semibold">
          {t("tokensHeading")}
        </h2>
        <table className="data-table">
          <caption className="sr-only">{t("tokensCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("tokenEnding")}</th>
              <th scope="col">{t("tokenCreated")}</th>
              <th scope="col">{t("tokenEnds")}</th>
              <th scope="col">{t("tokenState")}</th>
            </tr>
          </thead>
          <tbody>
            {client.tokens.map((token, i) => (
              <tr key={`${token.hint}-${i}`}>
                <td>
                  <code>…{token.hint}</code>
                </td>
                <td>{when(token.createdAt)}</td>
                <td>{token.expiresAt ? when(token.expiresAt) : t("tokenNoEnd")}</td>
                <td>{token.active ? t("tokenInUse") : t("tokenEnded")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      {client.revokedAt ? null : (
        <ClientMessages namespaces={["studio.integrations"]}>
          <section aria-labelledby="rotate-heading" className="card max-w-3xl space-y-3 p-5">
            <h2 id="rotate-heading" className="text-xl font-semibold">
              {t("rotateHeading")}
            </h2>
            <p id="rotate-explain">{t("rotateExplain")}</p>
            <RotateTokenForm
              action={rotateApiClientTokenAction}
              clientId={client.id}
              defaultOverlap={OVERLAP_HOURS_DEFAULT}
            />
          </section>
          <section aria-labelledby="revoke-heading" className="card max-w-3xl space-y-3 p-5">
            <h2 id="revoke-heading" className="text-xl font-semibold">
              {t("revokeHeading")}
            </h2>
            <p id="revoke-explain">{t("revokeExplain")}</p>
            <RevokeApiClientForm action={revokeApiClientAction} clientId={client.id} name={client.name} />
          </section>
        </ClientMessages>
      )}

      <section aria-labelledby="calls-heading" className="space-y-3">
        <h2 id="calls-heading" className="text-xl font-semibold">
          {t("callsHeading")}
        </h2>
        <h3 className="font-semibold">{t("dayHeading")}</h3>
        <ul className="list-disc pl-6">
          {client.callsLastDay.map(({ scope, calls }) => (
            <li key={scope}>{t("dayCount", { scope: t(`scopeLabel.${scope}`), calls })}</li>
          ))}
        </ul>
        <p>{t("callsIntro")}</p>
        {client.recentCalls.length === 0 ? (
          <p>{t("callsEmpty")}</p>
        ) : (
          <table className="data-table">
            <caption className="sr-only">{t("callsCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("callTime")}</th>
                <th scope="col">{t("callScope")}</th>
                <th scope="col">{t("callOperation")}</th>
                <th scope="col">{t("callStatus")}</th>
                <th scope="col">{t("callSubjects")}</th>
              </tr>
            </thead>
            <tbody>
              {client.recentCalls.map((call, i) => (
                <tr key={`${call.occurredAt.toISOString()}-${i}`}>
                  <td>{when(call.occurredAt)}</td>
                  <td>{t(`scopeLabel.${call.scope}`)}</td>
                  <td>
                    <code>{call.operation}</code>
                  </td>
                  <td>{call.status}</td>
                  <td>{format.number(call.subjects)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
