import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { ClientMessages } from "@/components/i18n/client-messages";
import { CreateApiClientForm } from "@/components/studio/integrations/create-api-client-form";
import { currentActor } from "@/lib/current-actor";
import { isNotFoundForPage } from "@/lib/errors";
import { apiScopes } from "@/lib/integration/api-client-schema";
import { listApiClients } from "@/lib/integration/api-clients";
import { createApiClientAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("studio.integrations"))("title") };
}

export default async function StudioIntegrationsPage() {
  const [t, format] = await Promise.all([getTranslations("studio.integrations"), getFormatter()]);
  const clients = await listApiClients(await currentActor()).catch((error: unknown) => {
    // The page's read can run before its layout's guard has answered.
    if (isNotFoundForPage(error)) notFound();
    throw error;
  });
  const when = (date: Date) => format.dateTime(date, { dateStyle: "medium", timeStyle: "short" });
  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <h1 className="text-3xl font-semibold">{t("title")}</h1>
        <p className="max-w-3xl">{t("intro")}</p>
      </div>
      <section aria-labelledby="clients-heading" className="space-y-3">
        <h2 id="clients-heading" className="text-xl font-semibold">
          {t("listHeading")}
        </h2>
        {clients.length === 0 ? (
          <p>{t("empty")}</p>
        ) : (
          <table className="data-table">
            <caption className="sr-only">{t("listCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("name")}</th>
                <th scope="col">{t("scopes")}</th>
                <th scope="col">{t("status")}</th>
                <th scope="col">{t("lastCall")}</th>
              </tr>
            </thead>
            <tbody>
              {clients.map((client) => (
                <tr key={client.id}>
                  <th scope="row">
                    <Link href={`/studio/integrations/${client.id}`} className="link">
                      {client.name}
                    </Link>
                  </th>
                  <td>{format.list(client.scopes.map((scope) => t(`scopeLabel.${scope}`)))}</td>
                  <td>
                    {client.revokedAt
                      ? t("revokedOn", { date: format.dateTime(client.revokedAt, { dateStyle: "medium" }) })
                      : t("active")}
                  </td>
                  <td>{client.lastCallAt ? when(client.lastCallAt) : t("never")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section aria-labelledby="create-heading" className="card max-w-3xl space-y-3 p-5">
        <h2 id="create-heading" className="text-xl font-semibold">
          {t("createHeading")}
        </h2>
        <ClientMessages namespaces={["studio.integrations"]}>
          <CreateApiClientForm action={createApiClientAction} scopes={apiScopes} />
        </ClientMessages>
      </section>
    </div>
  );
}
