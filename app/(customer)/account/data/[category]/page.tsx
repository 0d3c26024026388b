import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import {
  AddressTable,
  DeviceTable,
  InteractionTable,
  LoyaltyAccount,
  LoyaltyTable,
  MessageTable,
  OrderTable,
  PersonalDetails,
  TicketTable,
} from "@/components/account/data/category-records";
import { CategoryFacts } from "@/components/account/data/category-facts";
import { Inferences } from "@/components/account/data/inferences";
import { InteractionFilters } from "@/components/account/data/interaction-filters";
import { Pager } from "@/components/account/data/pager";
import { currentActor } from "@/lib/current-actor";
import { isCategoryKey, type CategoryKey } from "@/lib/data-inventory/categories";
import { getDataOverview } from "@/lib/data-inventory/get-data-overview";
import { getPersonalDetails } from "@/lib/data-inventory/get-personal-details";
import { listAddresses } from "@/lib/data-inventory/list-addresses";
import { listDevices } from "@/lib/data-inventory/list-devices";
import { listInferences } from "@/lib/data-inventory/list-inferences";
import { listInteractions } from "@/lib/data-inventory/list-interactions";
import { listLoyalty } from "@/lib/data-inventory/list-loyalty";
import { listMessages } from "@/lib/data-inventory/list-messages";
import { listOrders } from "@/lib/data-inventory/list-orders";
import { listTickets } from "@/lib/data-inventory/list-tickets";
import { interactionChannels, parseInteractionFilters } from "@/lib/data-inventory/list-params";
import type { Locale } from "@/lib/i18n/locales";
import type { IdKind, Page } from "@/lib/pagination/keyset";
import { parseListQuery, type SearchParams } from "@/lib/pagination/list-query";
import { rejectInferenceAction } from "../actions";

type Props = { params: Promise<{ category: string }>; searchParams: Promise<SearchParams> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { category } = await params;
  if (!isCategoryKey(category)) return {};
  return { title: (await getTranslations("data"))(`categories.${category}.name`) };
}

const idKinds: Partial<Record<CategoryKey, IdKind>> = {
  addresses: "text",
  orders: "text",
  loyalty: "number",
  devices: "text",
  interactions: "number",
  tickets: "text",
  messages: "number",
};

export default async function CategoryPage({ params, searchParams }: Props) {
  const { category } = await params;
  if (!isCategoryKey(category)) notFound();
  const search = await searchParams;
  const actor = await currentActor();
  const locale = (await getLocale()) as Locale;
  const t = await getTranslations("data");
  const path = `/account/data/${category}`;
  const { query, issues: queryIssues } = parseListQuery(search, idKinds[category] ?? "text");
  const { filters, issues: filterIssues } =
    category === "interactions"
      ? parseInteractionFilters(search)
      : { filters: { channel: null, from: null, to: null }, issues: [] };

  /** A paginated table, or the reason there is none. */
  const paged = <T,>(page: Page<T>, table: ReactNode, extra?: { params?: Record<string, string | null> }) => (
    <>
      {page.items.length > 0 ? table : <p>{query.cursor ? t("detail.pageEmpty") : t("detail.empty")}</p>}
      <Pager
        path={path}
        params={extra?.params ?? {}}
        newer={page.newer}
        older={page.older}
        atStart={query.cursor === null}
      />
    </>
  );

  let body: ReactNode;
  switch (category) {
    case "identity":
    case "contact":
      body = <PersonalDetails details={await getPersonalDetails(actor)} part={category} />;
      break;
    case "addresses": {
      const page = await listAddresses(actor, query);
      body = paged(page, <AddressTable items={page.items} />);
      break;
    }
    case "orders": {
      const page = await listOrders(actor, query);
      body = paged(page, <OrderTable items={page.items} />);
      break;
    }
    case "loyalty": {
      const { account, transactions } = await listLoyalty(actor, query);
      body = (
        <>
          {account ? <LoyaltyAccount account={account} /> : null}
          {paged(transactions, <LoyaltyTable items={transactions.items} />)}
        </>
      );
      break;
    }
    case "devices": {
      const page = await listDevices(actor, query);
      body = paged(page, <DeviceTable items={page.items} />);
      break;
    }
    case "interactions": {
      const page = await listInteractions(actor, { filters, query, locale });
      body = (
        <>
          <InteractionFilters path={path} channels={interactionChannels} filters={filters} issues={filterIssues} />
          <p>
            {page.matches.capped
              ? t("detail.matchesCapped", { count: page.matches.count })
              : t("detail.matches", { count: page.matches.count })}
          </p>
          {paged(page, <InteractionTable items={page.items} />, { params: { ...filters } })}
        </>
      );
      break;
    }
    case "tickets": {
      const page = await listTickets(actor, query);
      body = paged(page, <TicketTable items={page.items} />);
      break;
    }
    case "messages": {
      const page = await listMessages(actor, { query, locale });
      body = paged(page, <MessageTable items={page.items} />);
      break;
    }
    case "inferences": {
      body = <Inferences inferences={await listInferences(actor, locale)} reject={rejectInferenceAction} />;
      break;
    }
  }

  const facts = (await getDataOverview(actor, locale)).find((c) => c.key === category);

  return (
    <div className="space-y-6">
      <Link href="/account/data" className="link">
        {t("detail.back")}
      </Link>
      <div className="space-y-2">
        <h1 className="text-3xl font-semibold">{t(`categories.${category}.name`)}</h1>
        <p>{t(`categories.${category}.description`)}</p>
      </div>
      {queryIssues.includes("cursor") ? (
        <p className="rounded-md bg-amber-50 p-3">{t("filters.issues.cursor")}</p>
      ) : null}
      <section aria-labelledby="records-heading" className="space-y-4">
        <h2 id="records-heading" className="text-2xl font-semibold">
          {t("detail.records")}
        </h2>
        {body}
      </section>
      {facts ? (
        <section aria-labelledby="about-heading" className="space-y-3">
          <h2 id="about-heading" className="text-2xl font-semibold">
            {t("detail.aboutCategory")}
          </h2>
          <CategoryFacts category={facts} />
        </section>
      ) : null}
    </div>
  );
}
