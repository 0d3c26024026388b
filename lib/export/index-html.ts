import { WEBHOOK_RIGHTS_PURPOSE } from "@/lib/outbox/enqueue-webhook-event";
import { staffAccessReasonCodeOf } from "@/lib/access-log/access-reasons";
import { isCategoryKey } from "@/lib/data-inventory/categories";
import { countryName } from "@/lib/i18n/country-name";
import type { Locale } from "@/lib/i18n/locales";
import { formatterFor, messageLookup, translatorFor } from "@/lib/i18n/translator";
import { describeUserAgent } from "@/lib/sessions/describe-user-agent";
import type { CategorySummary, ExportHead } from "./export-head";
import { recordViews, type FieldView } from "./index-html-fields";
import { exportCategoryKeys, type ExportCategoryKey } from "./keys";
import type { ExportRecord, ExportValue } from "./sources";

// index.html: a summary for a person, in their language, that opens offline. One file,
// inline CSS, no scripts, nothing fetched; every text escaped. Counts and the first and
// last few records of each kind, labelled and formatted as the site shows them; ids,
// codes and UTC times stay in data.json and the CSVs, and the page says so.

const escapeMap: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => escapeMap[c]!);
}

const TEXT_MAX = 200;
const clip = (text: string) => (text.length > TEXT_MAX ? `${text.slice(0, TEXT_MAX - 1)}…` : text);

// Readable from a 320 px phone up: cards and definition lists instead of wide tables,
// long names and file names wrap anywhere rather than push the page sideways.
const css = `
*,*::before,*::after{box-sizing:border-box}
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;line-height:1.5;color:#1a1a1a;background:#fff;margin:0 auto;max-width:60rem;padding:1rem}
h1{font-size:1.8rem;margin:0 0 .5rem}h2{font-size:1.35rem;margin-top:2.5rem;border-bottom:2px solid #2f5d50;padding-bottom:.25rem}
h3{font-size:1.1rem;margin:1.5rem 0 .5rem}h4{font-size:1rem;margin:0 0 .25rem}a{color:#1f4f8f}
p,li,dd,td,summary{overflow-wrap:anywhere}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem;font-size:.92rem}
th,td{border:1px solid #c8cfcc;padding:.35rem .5rem;text-align:left;vertical-align:top}th{background:#eef3f1}
td.num{text-align:right;font-variant-numeric:tabular-nums}
.muted{color:#555}ul.plain,ol.cards{list-style:none;padding:0}
.card{border:1px solid #c8cfcc;border-radius:.4rem;padding:.75rem 1rem;margin:0 0 .75rem}
.card>p{margin:.25rem 0 .5rem}
dl{display:grid;grid-template-columns:minmax(7rem,max-content) minmax(0,1fr);gap:.2rem 1rem;margin:0}
dt{font-weight:600}dd{margin:0}
details{margin:.5rem 0;border-top:1px solid #c8cfcc;padding-top:.5rem}summary{cursor:pointer;font-weight:600;min-height:1.5rem}
details>p,details>ol{margin-top:.5rem}
@media (max-width:30rem){h1{font-size:1.5rem}dl{grid-template-columns:minmax(0,1fr);gap:0}dd{margin:0 0 .4rem}}
@media print{details{display:block}}
`;

type Context = {
  locale: Locale;
  t: ReturnType<typeof translatorFor<"exportFile">>;
  message: ReturnType<typeof messageLookup>;
  format: ReturnType<typeof formatterFor>;
  purposeName: (key: string) => string;
  categoryName: (key: string) => string;
};

const isObject = (value: ExportValue): value is { [key: string]: ExportValue } =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** A field's value as the customer reads it, or null when there is nothing to show. */
function shown(view: FieldView, record: ExportRecord, field: string, c: Context): string | null {
  const value = record[field];
  if (value === null || value === undefined || value === "") return null;
  const dateTime = (d: Date) => c.format.dateTime(d, { dateStyle: "long", timeStyle: "short" });
  const date = (d: Date) => c.format.dateTime(d, { dateStyle: "long" });
  switch (view.as) {
    case "text":
      return clip(String(value));
    case "time":
      return dateTime(new Date(String(value)));
    case "date":
      return date(new Date(String(value)));
    case "day":
      // Noon UTC is the same calendar day in Oslo.
      return date(new Date(`${String(value)}T12:00:00Z`));
    case "number":
      return c.format.number(Number(value));
    case "points":
      return c.format.number(Number(value), { signDisplay: "exceptZero" });
    case "money":
      return c.format.number(Number(value) / 100, { style: "currency", currency: String(record[view.currency]) });
    case "yesNo":
      return value === true ? c.t("value.yes") : c.t("value.no");
    case "onOff":
      return value === true ? c.t("value.on") : c.t("value.off");
    case "code":
      return (
        c.message(`${view.messages}.${String(value)}`) ??
        (view.fallback ? c.message(view.fallback) : null) ??
        String(value)
      );
    case "purpose":
      return c.purposeName(String(value));
    case "categories":
      return Array.isArray(value) ? c.format.list(value.map((key) => c.categoryName(String(key)))) : null;
    case "localised":
      return isObject(value) ? clip(String(value[c.locale] ?? value.en ?? "")) || null : null;
    case "device": {
      const { browser, os } = describeUserAgent(String(value));
      if (browser && os) return c.message("consentHistory.deviceName", { browser, os });
      return browser ?? os ?? c.message("consentHistory.unknownDevice");
    }
    case "country":
      return countryName(String(value), c.locale);
    case "language":
      return c.message(`exportFile.language.${String(value)}`) ?? String(value);
    case "staffReason": {
      if (record.staffRole === "system") return c.message("access.reasonCode.api_consent_check");
      const code = staffAccessReasonCodeOf(String(value));
      return code ? c.message(`access.reasonCode.${code}`) : clip(String(value));
    }
    case "staffAction":
      if (record.staffRole === "system") {
        const purpose =
          typeof record.field === "string" ? c.purposeName(record.field) : c.message("access.field.other");
        return c.message("exportFile.staffAction.consentCheck", { purpose: purpose ?? "" });
      }
      return c.message(`exportFile.staffAction.${String(value)}`) ?? String(value);
    case "staffField":
      if (record.staffRole === "system") return null;
      return c.message(`access.field.${String(value)}`) ?? c.message("access.field.other");
  }
}

// Stand-ins for links inside a translated sentence: the sentence is escaped, then they become links.
const CSV = "\u0001csv\u0001";
const JSON_FILE = "\u0001json\u0001";
function withLinks(sentence: string, links: Record<string, string>): string {
  return Object.entries(links).reduce((html, [token, link]) => html.replace(token, link), escapeHtml(sentence));
}

function recordCard(key: ExportCategoryKey, record: ExportRecord, c: Context): string {
  const e = escapeHtml;
  const rows = Object.entries(recordViews[key].show)
    .map(([field, view]) => {
      const text = shown(view, record, field, c);
      return text === null ? "" : `<dt>${e(c.t(`fields.${view.label}`))}</dt><dd>${e(text)}</dd>`;
    })
    .join("");
  return `<li class="card"><dl>${rows}</dl></li>`;
}

export function renderIndexHtml(options: {
  head: ExportHead;
  summaries: Map<ExportCategoryKey, CategorySummary>;
  locale: Locale;
  csvFileName: (key: ExportCategoryKey) => string;
}): string {
  const { head, summaries, locale } = options;
  const t = translatorFor(locale, "exportFile");
  const tPurposes = translatorFor(locale, "purposes");
  const message = messageLookup(locale);
  const format = formatterFor(locale);
  const e = escapeHtml;
  const { art15 } = head;
  const profile = summaries.get("profile")?.first[0];
  const name = profile ? `${String(profile.givenName ?? "")} ${String(profile.familyName ?? "")}`.trim() : "";
  const purposeNames = new Map(art15.purposes.map((p) => [p.key, p.name]));
  const c: Context = {
    locale,
    t,
    message,
    format,
    purposeName: (key) =>
      purposeNames.get(key) ?? (key === WEBHOOK_RIGHTS_PURPOSE ? t("rightsPurpose") : t("unknownPurpose")),
    categoryName: (key) => (isCategoryKey(key) ? tPurposes(`categories.${key}`) : key),
  };
  const list = (items: string[]) => format.list(items);
  const csvLink = (key: ExportCategoryKey) => {
    const file = `csv/${options.csvFileName(key)}`;
    return `<a href="${e(file)}">${e(file)}</a>`;
  };

  const summaryRows = exportCategoryKeys
    .map((key) => {
      const count = summaries.get(key)?.count ?? 0;
      return `<tr><td>${e(t(`categories.${key}`))}</td><td class="num">${e(format.number(count))}</td><td>${csvLink(key)}</td></tr>`;
    })
    .join("\n");

  const samples = exportCategoryKeys
    .map((key) => {
      const summary = summaries.get(key);
      if (!summary || summary.count === 0) return "";
      const between = summary.count - summary.first.length - summary.last.length;
      const cards = (records: ExportRecord[]) =>
        records.length > 0 ? `<ol class="cards">${records.map((r) => recordCard(key, r, c)).join("")}</ol>` : "";
      return `<details><summary>${e(t(`categories.${key}`))} (${e(format.number(summary.count))})</summary>
<p>${withLinks(t("records.allIn", { count: summary.count, csv: CSV, json: JSON_FILE }), { [CSV]: csvLink(key), [JSON_FILE]: '<a href="data.json">data.json</a>' })}</p>
${cards(summary.first)}${between > 0 ? `<p class="muted">${e(t("summary.moreRecords", { count: between }))}</p>` : ""}${cards(summary.last)}</details>`;
    })
    .join("\n");

  const recipientText = (r: { name: string; country: string }) => `${r.name} (${countryName(r.country, locale)})`;
  const purposes = art15.purposes
    .map(
      (p) => `<li class="card"><h3>${e(p.name)}</h3><p>${e(p.description)}</p><dl>
<dt>${e(t("purposes.yourChoice"))}</dt><dd>${e(t(`consentStatus.${p.consent.status}`))}</dd>
<dt>${e(t("purposes.legalBasis"))}</dt><dd>${e(t(`legalBasis.${p.legalBasis}`))}</dd>
<dt>${e(t("purposes.data"))}</dt><dd>${e(list(p.dataCategories.map(c.categoryName)))}</dd>
<dt>${e(t("purposes.recipients"))}</dt><dd>${e(p.recipients.length > 0 ? list(p.recipients.map(recipientText)) : t("purposes.none"))}</dd>
<dt>${e(t("purposes.retention"))}</dt><dd>${e(p.retention)}</dd>
</dl></li>`,
    )
    .join("\n");

  const categories = art15.categories
    .map(
      (cat) => `<li class="card"><h4>${e(cat.name)}</h4><dl>
<dt>${e(t("art15.source"))}</dt><dd>${e(cat.source.description)}</dd>
<dt>${e(t("art15.usedBy"))}</dt><dd>${e(cat.purposes.length > 0 ? list(cat.purposes.map((p) => c.purposeName(p.key))) : t("purposes.none"))}</dd>
<dt>${e(t("art15.keptFor"))}</dt><dd>${e(cat.retention.description)}</dd>
</dl></li>`,
    )
    .join("\n");

  const recipients =
    art15.recipients.length > 0
      ? `<ul>${art15.recipients
          .map(
            (r) =>
              `<li>${e(t("art15.recipient", { name: r.name, country: r.countryName }))}: ${e(
                list([
                  ...r.purposeKeys.map(c.purposeName),
                  ...(r.disclosureCount > 0 ? [t("art15.viaDisclosure")] : []),
                ]),
              )}</li>`,
          )
          .join("")}</ul>`
      : `<p>${e(t("art15.recipientsNone"))}</p>`;

  const transfers =
    art15.transfers.length > 0
      ? `<ul>${art15.transfers.map((r) => `<li>${e(t("art15.transfer", { name: r.recipient, country: r.countryName }))}</li>`).join("")}</ul>`
      : `<p>${e(t("art15.transfersNone"))}</p>`;

  const automated = art15.automatedDecisionMaking;
  const inferences =
    automated.inferences.length > 0
      ? `<ul>${automated.inferences.map((i) => `<li>${e(t("art15.inference", { label: i.label, derivedFrom: i.derivedFrom }))}</li>`).join("")}</ul>`
      : "";

  const rights = art15.rights.map((r) => `<li><a href="${e(r.url)}">${e(r.description)}</a></li>`).join("\n");

  return `<!doctype html>
<html lang="${locale === "nb" ? "nb" : "en"}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${e(t("title"))}${name ? ` – ${e(name)}` : ""}</title>
<style>${css}</style>
</head>
<body>
<header>
<h1>${e(t("title"))}</h1>
<p>${e(t("intro", { name, date: format.dateTime(new Date(head.generatedAt), { dateStyle: "long", timeStyle: "short" }) }))}</p>
</header>
<nav aria-label="${e(t("contents"))}"><ul>
<li><a href="#summary">${e(t("summary.heading"))}</a></li>
<li><a href="#purposes">${e(t("purposes.heading"))}</a></li>
<li><a href="#art15">${e(t("art15.heading"))}</a></li>
<li><a href="#rights">${e(t("rights.heading"))}</a></li>
<li><a href="#files">${e(t("files.heading"))}</a></li>
</ul></nav>
<main>
<section id="summary">
<h2>${e(t("summary.heading"))}</h2>
<table><thead><tr><th scope="col">${e(t("summary.kind"))}</th><th scope="col">${e(t("summary.count"))}</th><th scope="col">${e(t("summary.file"))}</th></tr></thead>
<tbody>
${summaryRows}
</tbody></table>
<h3>${e(t("summary.sample"))}</h3>
<p>${e(t("records.intro"))}</p>
${samples}
</section>
<section id="purposes">
<h2>${e(t("purposes.heading"))}</h2>
<ol class="cards">
${purposes}
</ol>
</section>
<section id="art15">
<h2>${e(t("art15.heading"))}</h2>
<h3>${e(t("art15.categoriesHeading"))}</h3>
<ol class="cards">
${categories}
</ol>
<h3>${e(t("art15.recipientsHeading"))}</h3>
${recipients}
<h3>${e(t("art15.transfersHeading"))}</h3>
${transfers}
<h3>${e(t("art15.automatedHeading"))}</h3>
<p>${e(automated.description)}</p>
${inferences}
</section>
<section id="rights">
<h2>${e(t("rights.heading"))}</h2>
<ul>
${rights}
</ul>
</section>
<section id="files">
<h2>${e(t("files.heading"))}</h2>
<ul>
<li><a href="data.json">data.json</a>: ${e(t("files.dataJson"))}</li>
<li><a href="schema/export-v1.json">schema/export-v1.json</a>: ${e(t("files.schema"))}</li>
<li>csv/: ${e(t("files.csv"))}</li>
<li><a href="README.txt">README.txt</a>: ${e(t("files.readme"))}</li>
</ul>
</section>
</main>
</body>
</html>
`;
}
