import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { DisclosureList } from "@/components/account/access/disclosure-list";
import { DisclosureRecipients } from "@/components/account/access/disclosure-recipients";
import { Pagination } from "@/components/account/access/pagination";
import { StaffAccessList } from "@/components/account/access/staff-access-list";
import { listDisclosureRecipients, listDisclosures } from "@/lib/access-log/list-disclosures";
import { listStaffAccess } from "@/lib/access-log/list-staff-access";
import type { Paged } from "@/lib/access-log/paged";
import type { StaffAccessEntryDto } from "@/lib/access-log/staff-access-dto";
import { currentActor } from "@/lib/current-actor";
import type { Locale } from "@/lib/i18n/locales";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("access"))("title") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

function pageParam(value: string | string[] | undefined): number {
  const n = Number(Array.isArray(value) ? value[0] : value);
  return Number.isSafeInteger(n) && n > 0 ? n : 1;
}

export default async function AccessPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const actor = await currentActor();
  const locale = (await getLocale()) as Locale;
  const [t, staff, systems, disclosures, recipients] = await Promise.all([
    getTranslations("access"),
    listStaffAccess(actor, { page: pageParam(params.staff) }),
    listStaffAccess(actor, { page: pageParam(params.systems), who: "systems" }),
    listDisclosures(actor, { locale, page: pageParam(params.shared) }),
    listDisclosureRecipients(actor, { locale }),
  ]);
  const href = (pages: { staff: number; systems: number; shared: number }) => {
    const query = new URLSearchParams();
    if (pages.staff > 1) query.set("staff", String(pages.staff));
    if (pages.systems > 1) query.set("systems", String(pages.systems));
    if (pages.shared > 1) query.set("shared", String(pages.shared));
    const q = query.toString();
    return q ? `/account/access?${q}` : "/account/access";
  };
  return (
    <div className="space-y-8">
      <div className="space-y-2">
        <h1 className="text-3xl font-semibold">{t("title")}</h1>
        <p className="max-w-2xl">{t("intro")}</p>
        <Link href="/account/support-code" className="link">
          {t("supportCodeLink")}
        </Link>
      </div>
      <AccessLogSection
        id="staff-heading"
        heading={t("staffHeading")}
        empty={t("staffEmpty")}
        count={t("staffCount", { total: staff.total })}
        entries={staff}
        paginationLabel={t("pagination.staffLabel")}
        hrefFor={(page) => href({ staff: page, systems: systems.page, shared: disclosures.page })}
      />
      <AccessLogSection
        id="systems-heading"
        heading={t("systemsHeading")}
        intro={t("systemsIntro")}
        empty={t("systemsEmpty")}
        count={t("systemsCount", { total: systems.total })}
        entries={systems}
        paginationLabel={t("pagination.systemsLabel")}
        hrefFor={(page) => href({ staff: staff.page, systems: page, shared: disclosures.page })}
      />
      <section aria-labelledby="disclosures-heading" className="space-y-4">
        <h2 id="disclosures-heading" className="text-2xl font-semibold">
          {t("disclosuresHeading")}
        </h2>
        <p>{t("disclosuresIntro")}</p>
        {disclosures.total === 0 ? (
          <p>{t("disclosuresEmpty")}</p>
        ) : (
          <>
            <h3 id="recipients-heading" className="text-xl font-semibold">
              {t("recipientsHeading")}
            </h3>
            <DisclosureRecipients recipients={recipients} labelledBy="recipients-heading" />
            <h3 id="every-time-heading" className="text-xl font-semibold">
              {t("everyTimeHeading")}
            </h3>
            <p>{t("disclosuresCount", { total: disclosures.total })}</p>
            <DisclosureList disclosures={disclosures.items} labelledBy="every-time-heading" />
            <Pagination
              label={t("pagination.disclosuresLabel")}
              page={disclosures.page}
              pageCount={disclosures.pageCount}
              hrefFor={(page) => href({ staff: staff.page, systems: systems.page, shared: page })}
            />
          </>
        )}
      </section>
    </div>
  );
}

/** One part of the access log (staff, or other systems), a page at a time. */
function AccessLogSection(props: {
  id: string;
  heading: string;
  intro?: string;
  empty: string;
  count: string;
  entries: Paged<StaffAccessEntryDto>;
  paginationLabel: string;
  hrefFor: (page: number) => string;
}) {
  const { entries } = props;
  return (
    <section aria-labelledby={props.id} className="space-y-4">
      <h2 id={props.id} className="text-2xl font-semibold">
        {props.heading}
      </h2>
      {props.intro ? <p className="max-w-2xl">{props.intro}</p> : null}
      {entries.total === 0 ? (
        <p>{props.empty}</p>
      ) : (
        <>
          <p>{props.count}</p>
          <StaffAccessList entries={entries.items} />
          <Pagination
            label={props.paginationLabel}
            page={entries.page}
            pageCount={entries.pageCount}
            hrefFor={props.hrefFor}
          />
        </>
      )}
    </section>
  );
}
