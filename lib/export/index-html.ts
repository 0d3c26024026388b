import { isCategoryKey } from "@/lib/data-inventory/categories";
import type { Locale } from "@/lib/i18n/locales";
import { translatorFor } from "@/lib/i18n/translator";
import type { CategorySummary, ExportHead } from "./export-head";
import { exportCategoryKeys, type ExportCategoryKey } from "./keys";
import type { ExportValue } from "./sources";

// index.html: a readable summary in the customer's language that opens offline. One file,
// inline CSS, no scripts, nothing fetched; every text escaped. Counts and a few sample
// rows only: the records themselves are in data.json and the CSVs.

const escapeMap: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => escapeMap[c]!);
}

const CELL_MAX = 80;
function cellText(value: ExportValue | undefined): string {
  if (value === null || value === undefined) return "";
  const text = typeof value === "object" ? JSON.stringify(value) : String(value);
  return text.length > CELL_MAX ? `${text.slice(0, CELL_MAX - 1)}…` : text;
}

const css = `
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;line-height:1.5;color:#1a1a1a;background:#fff;margin:0 auto;max-width:60rem;padding:1.5rem}
h1{font-size:1.8rem;margin:0 0 .5rem}h2{font-size:1.35rem;margin-top:2.5rem;border-bottom:2px solid #2f5d50;padding-bottom:.25rem}
h3{font-size:1.1rem;margin-top:1.5rem}a{color:#1f4f8f}table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem;font-size:.92rem}
th,td{border:1px solid #c8cfcc;padding:.35rem .5rem;text-align:left;vertical-align:top}th{background:#eef3f1}
td.num{text-align:right;font-variant-numeric:tabular-nums}.sample{overflow-x:auto}.sample table{font-size:.8rem}
.muted{color:#555}code{font-size:.9em}nav ul{columns:2}details{margin:.5rem 0}summary{cursor:pointer}
@media print{details{display:block}}
`;

export function renderIndexHtml(options: {
  head: ExportHead;
  summaries: Map<ExportCategoryKey, CategorySummary>;
  locale: Locale;
  csvFileName: (key: ExportCategoryKey) => string;
}): string {
  const { head, summaries, locale } = options;
  const t = translatorFor(locale, "exportFile");
  const tData = translatorFor(locale, "data");
  const e = escapeHtml;
  const { art15 } = head;
  const dateTime = new Intl.DateTimeFormat(locale === "nb" ? "nb-NO" : "en-GB", {
    dateStyle: "long",
    timeStyle: "short",
    timeZone: "Europe/Oslo",
  });
  const number = new Intl.NumberFormat(locale === "nb" ? "nb-NO" : "en-GB");
  const profile = summaries.get("profile")?.first[0];
  const name = profile ? `${String(profile.givenName ?? "")} ${String(profile.familyName ?? "")}`.trim() : "";
  const categoryName = (key: string) => (isCategoryKey(key) ? tData(`categories.${key}.name`) : key);
  const purposeName = new Map(art15.purposes.map((p) => [p.key, p.name]));

  const summaryRows = exportCategoryKeys
    .map((key) => {
      const count = summaries.get(key)?.count ?? 0;
      const file = options.csvFileName(key);
      return `<tr><td>${e(t(`categories.${key}`))}</td><td class="num">${e(number.format(count))}</td><td><a href="csv/${e(file)}">csv/${e(file)}</a></td></tr>`;
    })
    .join("\n");

  const samples = exportCategoryKeys
    .map((key) => {
      const summary = summaries.get(key);
      if (!summary || summary.count === 0) return "";
      const rows = [...summary.first, ...summary.last];
      const columns = Object.keys(rows[0] ?? {});
      const more = summary.count - rows.length;
      return `<details><summary>${e(t(`categories.${key}`))} (${e(number.format(summary.count))})</summary><div class="sample"><table><thead><tr>${columns
        .map((c) => `<th scope="col">${e(c)}</th>`)
        .join("")}</tr></thead><tbody>${rows
        .map((r) => `<tr>${columns.map((c) => `<td>${e(cellText(r[c]))}</td>`).join("")}</tr>`)
        .join(
          "",
        )}</tbody></table></div>${more > 0 ? `<p class="muted">${e(t("summary.moreRecords", { count: more }))}</p>` : ""}</details>`;
    })
    .join("\n");

  const purposes = art15.purposes
    .map(
      (p) =>
        `<tr><td><strong>${e(p.name)}</strong><br><span class="muted">${e(p.description)}</span></td><td>${e(t(`legalBasis.${p.legalBasis}`))}</td><td>${e(t(`consentStatus.${p.consent.status}`))}</td><td>${e(p.dataCategories.map(categoryName).join(", "))}</td><td>${e(p.recipients.length > 0 ? p.recipients.map((r) => `${r.name} (${r.country})`).join(", ") : t("purposes.none"))}</td><td>${e(p.retention)}</td></tr>`,
    )
    .join("\n");

  const categories = art15.categories
    .map(
      (c) =>
        `<tr><td>${e(c.name)}</td><td>${e(c.source.description)}</td><td>${e(c.purposes.map((p) => purposeName.get(p.key) ?? p.key).join(", "))}</td><td>${e(c.retention.description)}</td></tr>`,
    )
    .join("\n");

  const recipients =
    art15.recipients.length > 0
      ? `<ul>${art15.recipients
          .map(
            (r) =>
              `<li>${e(t("art15.recipient", { name: r.name, country: r.countryName }))}: ${e(
                [
                  ...r.purposeKeys.map((k) => purposeName.get(k) ?? k),
                  ...(r.disclosureCount > 0 ? [t("art15.viaDisclosure")] : []),
                ].join(", "),
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

  const rights = art15.rights
    .map((r) => `<li>${e(r.description)}: <a href="${e(r.url)}">${e(r.url)}</a></li>`)
    .join("\n");

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
<p>${e(t("intro", { name, date: dateTime.format(new Date(head.generatedAt)) }))}</p>
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
${samples}
</section>
<section id="purposes">
<h2>${e(t("purposes.heading"))}</h2>
<table><thead><tr><th scope="col">${e(t("purposes.purpose"))}</th><th scope="col">${e(t("purposes.legalBasis"))}</th><th scope="col">${e(t("purposes.yourChoice"))}</th><th scope="col">${e(t("purposes.data"))}</th><th scope="col">${e(t("purposes.recipients"))}</th><th scope="col">${e(t("purposes.retention"))}</th></tr></thead>
<tbody>
${purposes}
</tbody></table>
</section>
<section id="art15">
<h2>${e(t("art15.heading"))}</h2>
<h3>${e(t("art15.categoriesHeading"))}</h3>
<table><thead><tr><th scope="col">${e(t("art15.category"))}</th><th scope="col">${e(t("art15.source"))}</th><th scope="col">${e(t("art15.usedBy"))}</th><th scope="col">${e(t("art15.keptFor"))}</th></tr></thead>
<tbody>
${categories}
</tbody></table>
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
