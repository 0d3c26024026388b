import type { Metadata } from "next";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { ReportTable } from "@/components/transparency/report-table";
import { categoriesFor, consentCategories, objectionCategories } from "@/lib/analytics/consent-categories";
import { accessCategories, readTransparencyReport } from "@/lib/analytics/transparency-report";
import type { Count } from "@/lib/analytics/suppression";
import type { Locale } from "@/lib/i18n/locales";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("transparency"))("title") };
}

// Public, no sign-in: the company's own record, from the rollups, every group under 10 hidden.
export default async function TransparencyPage() {
  const locale = (await getLocale()) as Locale;
  const [t, tJustification, format, report] = await Promise.all([
    getTranslations("transparency"),
    getTranslations("staff.support.open.justification"),
    getFormatter(),
    readTransparencyReport(locale),
  ]);
  // A figure under 10 stays null down to the table, which shows "< 10".
  const hidden = { shown: `< ${format.number(report.suppressedBelow)}`, spoken: t("fewerThan") };
  // Hidden so that a smaller figure beside it cannot be worked out: it may be 10 or more.
  const shielding = { shown: t("shielding"), spoken: t("shieldingSpoken") };
  const count = (n: Count) => (n === null ? null : format.number(n));
  const countShare = (cell: { count: Count; share: number | null; shields?: true }) =>
    cell.count === null
      ? cell.shields
        ? shielding
        : null
      : cell.share === null
        ? format.number(cell.count)
        : t("countShare", {
            count: format.number(cell.count),
            share: format.number(cell.share, { style: "percent", maximumFractionDigits: 0 }),
          });
  const monthName = (month: string) =>
    format.dateTime(new Date(`${month}-15T12:00:00Z`), { month: "long", year: "numeric" });

  // Entries from before categories get a column only if a month has any (elsewhere "< 10", as 0 is).
  const anyUnspecified = report.months.some((m) =>
    m.staffAccesses.byJustification.some((j) => j.justification === "unspecified"),
  );
  const categories = accessCategories.filter((c) => c !== "unspecified" || anyUnspecified);
  const consentPurposes = report.consent.filter((p) => p.legalBasis !== "legitimate_interest");
  const objectionPurposes = report.consent.filter((p) => p.legalBasis === "legitimate_interest");
  const purposeRows = (purposes: typeof report.consent) =>
    purposes.map((p) => ({
      key: p.key,
      header: p.name,
      cells: [
        count(p.total),
        ...categoriesFor(p.legalBasis).map((category) => {
          const cell = p.cells.find((c) => c.category === category);
          return cell ? countShare(cell) : null;
        }),
      ],
    }));

  return (
    <div className="space-y-10">
      <div className="max-w-2xl space-y-3">
        <h1 className="text-3xl font-semibold">{t("title")}</h1>
        <p>{t("intro")}</p>
        <p>{t("smallGroups")}</p>
        <p className="text-sm text-slate-700">
          {t("asOf", {
            date: format.dateTime(new Date(report.generatedAt), { dateStyle: "long", timeStyle: "short" }),
          })}{" "}
          <a href="/transparency/report.json" type="application/json" className="link-text">
            {t("json")}
          </a>
        </p>
      </div>

      <section aria-labelledby="requests-heading" className="space-y-3">
        <h2 id="requests-heading" className="text-xl font-semibold">
          {t("requests.heading")}
        </h2>
        <p className="max-w-2xl">{t("requests.intro")}</p>
        <ReportTable
          hidden={hidden}
          caption={t("requests.caption")}
          columns={[
            t("month"),
            t("requests.received"),
            t("requests.answered"),
            t("requests.onTime"),
            t("requests.medianDays"),
          ]}
          rows={report.months.map((m) => ({
            key: m.month,
            header: monthName(m.month),
            cells: [
              count(m.requests.received),
              count(m.requests.answered),
              countShare(m.requests.answeredOnTime),
              m.requests.medianDays === null
                ? { shown: "–", spoken: t("requests.medianHidden") }
                : t("requests.days", { days: m.requests.medianDays }),
            ],
          }))}
        />
        <p className="max-w-2xl text-sm text-slate-700">{t("requests.note")}</p>
      </section>

      <section aria-labelledby="staff-heading" className="space-y-3">
        <h2 id="staff-heading" className="text-xl font-semibold">
          {t("staff.heading")}
        </h2>
        <p className="max-w-2xl">{t("staff.intro")}</p>
        <ReportTable
          hidden={hidden}
          caption={t("staff.caption")}
          columns={[
            t("month"),
            ...categories.map((c) => (c === "unspecified" ? t("staff.unspecified") : tJustification(c))),
            t("staff.total"),
          ]}
          rows={report.months.map((m) => ({
            key: m.month,
            header: monthName(m.month),
            cells: [
              ...categories.map((c) => {
                const cell = m.staffAccesses.byJustification.find((j) => j.justification === c);
                return cell?.shields ? shielding : count(cell?.count ?? null);
              }),
              count(m.staffAccesses.total),
            ],
          }))}
        />
      </section>

      <section aria-labelledby="consent-heading" className="space-y-3">
        <h2 id="consent-heading" className="text-xl font-semibold">
          {t("consent.heading")}
        </h2>
        <p className="max-w-2xl">{t("consent.intro")}</p>
        {report.consent.length === 0 && <p>{t("consent.none")}</p>}
        {consentPurposes.length > 0 && (
          <ReportTable
            hidden={hidden}
            caption={t("consent.consentCaption")}
            columns={[
              t("consent.purpose"),
              t("consent.customers"),
              ...consentCategories.map((c) => t(`consent.answer.${c}`)),
            ]}
            rows={purposeRows(consentPurposes)}
          />
        )}
        {objectionPurposes.length > 0 && (
          <ReportTable
            hidden={hidden}
            caption={t("consent.objectionCaption")}
            columns={[
              t("consent.purpose"),
              t("consent.customers"),
              ...objectionCategories.map((c) => t(`consent.objection.${c}`)),
            ]}
            rows={purposeRows(objectionPurposes)}
          />
        )}
      </section>
    </div>
  );
}
