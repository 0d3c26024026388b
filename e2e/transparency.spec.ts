import { expect, test, type Page } from "@playwright/test";
import { sql } from "drizzle-orm";
import { expectNoAxeViolations } from "./fixtures";
import { startAppServer, type AppServer } from "./support/app-server";
import { createE2eDatabase, openAppDatabase, rowsOf } from "./support/database";
import { englishAndJargonIn, readableText } from "./support/one-language";
import { startSmtpReceiver, type SmtpReceiver } from "./support/smtp";
import { suppressPartition } from "../lib/analytics/suppression";

// The public transparency report, signed out, on its OWN app server and database: the
// staff looks written here would show on Kari's page in other specs.
test.describe.configure({ mode: "serial" });

let smtp: SmtpReceiver;
let app: AppServer;
let database: Awaited<ReturnType<typeof createE2eDatabase>> | null = null;

type Cell = { count: number | null; share: number | null; shields?: true };
type ReportJson = {
  suppressedBelow: number;
  months: {
    month: string;
    requests: { received: number | null; answered: number | null; answeredOnTime: Cell; medianDays: number | null };
    staffAccesses: { total: number | null; byJustification: Record<string, Cell> };
  }[];
  consent: { purpose: string; name: { nb: string; en: string }; customers: number | null; answers: Record<string, Cell> }[];
};

const categories = ["customer_request", "data_subject_request", "fraud_security", "legal_request"] as const;
/** This Oslo month's staff looks by category, as the database has them now. */
let looks: Record<string, number>;
let thisMonth: string;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  const serverUrl = process.env.DATABASE_URL?.trim();
  database = serverUrl ? await createE2eDatabase(serverUrl, "tillit_e2e_transparency") : null;
  // A production run on PostgreSQL refuses to start without a mail server, though nobody signs in here.
  smtp = await startSmtpReceiver();
  app = await startAppServer({ emailServer: smtp.url, extraEnv: { DATABASE_URL: database?.url ?? "" } });
  // Last month (the report shows whole months only): fraud or security looks at twelve
  // different customers, Kari three times over (she counts once). The server is down while
  // we write: PGlite has one process at a time. Then what the log holds, per category.
  await app.stop();
  const db = await openAppDatabase({ databaseUrl: database?.url, dataDir: app.dataDir });
  try {
    const lastMonthMid = sql`(oslo_month(now()) - interval '15 days')`;
    await db.execute(sql`
      insert into staff_access_log (customer_id, staff_user_id, staff_role, staff_display_name, action, reason, justification, occurred_at)
      select c.id, s.id, 'agent', 'Siri', 'view', 'Fraud review', 'fraud_security', ${lastMonthMid}
      from (select u.id from users u where u.email like '%@example.net' order by u.email limit 12) c, users s
      where s.email = 'agent@example.com'`);
    // And data-subject requests for twelve others: two kinds of 12 and more, so that at least
    // one stays shown whatever the demo's own looks add up to.
    await db.execute(sql`
      insert into staff_access_log (customer_id, staff_user_id, staff_role, staff_display_name, action, reason, justification, occurred_at)
      select c.id, s.id, 'agent', 'Siri', 'view', 'data-subject request', 'data_subject_request', ${lastMonthMid}
      from (select u.id from users u where u.email like '%@example.net' order by u.email desc limit 12) c, users s
      where s.email = 'agent@example.com'`);
    await db.execute(sql`
      insert into staff_access_log (customer_id, staff_user_id, staff_role, staff_display_name, action, reason, justification, occurred_at)
      select u.id, s.id, 'agent', 'Siri', 'view', 'Fraud review', 'fraud_security', ${lastMonthMid}
      from users u, users s, generate_series(1, 3)
      where u.email = 'kari@example.com' and s.email = 'agent@example.com'`);
    const [month] = rowsOf<{ month: string }>(
      await db.execute(sql`select to_char(oslo_month(now()) - interval '1 month', 'YYYY-MM') as month`),
    );
    thisMonth = month!.month;
    const counts = rowsOf<{ justification: string; n: number }>(
      await db.execute(sql`
        select coalesce(justification, 'unspecified') as justification, count(distinct customer_id)::int as n from staff_access_log
        where action = 'view' and oslo_month(occurred_at) = (oslo_month(now()) - interval '1 month')::date
        group by justification`),
    );
    looks = Object.fromEntries(categories.map((c) => [c, counts.find((r) => r.justification === c)?.n ?? 0]));
    // Entries from before the categories (the demo has one) are a column of their own when a month has any.
    const unspecified = counts.find((r) => r.justification === "unspecified")?.n ?? 0;
    if (unspecified > 0) looks.unspecified = unspecified;
  } finally {
    await db.close();
  }
  await app.start();
});

test.afterAll(async () => {
  await app?.stop();
  await smtp?.close();
  await database?.drop();
});

/** The cells of the row named `rowName` in the table captioned `caption`, by column name. */
async function rowOf(page: Page, caption: string, rowName: string): Promise<Record<string, string>> {
  const table = page.getByRole("table", { name: caption });
  const columns = await table.getByRole("columnheader").allInnerTexts();
  const row = table.getByRole("row").filter({ has: page.getByRole("rowheader", { name: rowName, exact: true }) });
  const cells = await row.getByRole("cell").allInnerTexts();
  return Object.fromEntries(columns.slice(1).map((column, i) => [column, cells[i]!.trim()]));
}

for (const [locale, browserLocale, texts] of [
  [
    "en",
    "en-GB",
    {
      heading: "Transparency report",
      staffCaption: "Customers whose records staff opened, per month, by kind of reason",
      fraud: "Fraud or security check",
      legal: "A request from the authorities",
      columns: {
        customer_request: "The customer asked for help",
        data_subject_request: "A request about the customer's data",
        fraud_security: "Fraud or security check",
        legal_request: "A request from the authorities",
      },
      total: "In all",
      fewer: "fewer than 10",
      shielding: "hidden",
      json: "The same figures as a file for computers (JSON)",
    },
  ],
  [
    "nb",
    "nb-NO",
    {
      heading: "Åpenhetsrapport",
      staffCaption: "Kunder som de ansatte åpnet opplysningene til, per måned og type grunn",
      fraud: "Kontroll mot svindel eller for sikkerheten",
      legal: "En forespørsel fra myndighetene",
      columns: {
        customer_request: "Kunden ba om hjelp",
        data_subject_request: "En forespørsel om kundens data",
        fraud_security: "Kontroll mot svindel eller for sikkerheten",
        legal_request: "En forespørsel fra myndighetene",
      },
      total: "Totalt",
      fewer: "færre enn 10",
      shielding: "skjult",
      json: "De samme tallene som en fil for datamaskiner (JSON)",
    },
  ],
] as const) {
  test.describe(locale, () => {
    test.use({ locale: browserLocale });

    test(`the transparency report is public, hides figures under 10 and gives the same figures as JSON (${locale})`, async ({
      page,
    }) => {
      // Preconditions from the database: fraud or security at 13 customers or more (the twelve
      // and Kari), none for the authorities; what is shown follows the suppression rule.
      expect(looks.fraud_security).toBeGreaterThanOrEqual(13);
      expect(looks.legal_request).toBeLessThan(10);
      const total = Object.values(looks).reduce((sum, n) => sum + n, 0);
      const expected = suppressPartition(looks, total);
      // A figure hidden for a smaller one's sake may be 10 or more: it says "hidden", not "< 10".
      const hiddenAs = (cell: { shields?: true } | undefined) => (cell?.shields ? texts.shielding : "< 10");
      const shownAs = (c: string) => expected[c]!.count?.toString() ?? hiddenAs(expected[c]);
      expect(categories.filter((c) => expected[c]!.count !== null).length).toBeGreaterThan(0);

      await page.goto(`${app.baseURL}/`);
      await page.getByRole("contentinfo").getByRole("link", { name: texts.heading }).click();
      await expect(page).toHaveURL(/\/transparency$/);
      await expect(page.getByRole("heading", { level: 1, name: texts.heading })).toBeVisible();
      await expect(page.locator("html")).toHaveAttribute("lang", locale);

      const monthName = new Intl.DateTimeFormat(locale, { month: "long", year: "numeric", timeZone: "Europe/Oslo" }).format(
        new Date(`${thisMonth}-15T12:00:00Z`),
      );
      const row = await rowOf(page, texts.staffCaption, monthName);
      for (const c of categories) expect(row[texts.columns[c]], c).toBe(shownAs(c));
      expect(row[texts.total]).toBe(String(total));
      // "< 10" says what it means ("fewer than 10") to a screen reader and on hover.
      const legalCell = page
        .getByRole("table", { name: texts.staffCaption })
        .getByRole("row")
        .filter({ has: page.getByRole("rowheader", { name: monthName, exact: true }) })
        .getByRole("cell")
        .nth(3);
      await expect(legalCell.locator("abbr")).toHaveAttribute("title", texts.fewer);
      if (locale === "nb") expect(englishAndJargonIn(await readableText(page))).toEqual([]);
      await expectNoAxeViolations(page);

      // The same report as JSON, from the page's own link.
      const href = await page.getByRole("link", { name: texts.json }).getAttribute("href");
      const response = await page.request.get(`${app.baseURL}${href}`);
      expect(response.status()).toBe(200);
      expect(response.headers()["content-type"]).toMatch(/^application\/json/);
      expect(response.headers()["cache-control"]).toBe("public, max-age=300");
      const body = await response.text();
      const report = JSON.parse(body) as ReportJson;
      expect(report.suppressedBelow).toBe(10);
      const month = report.months.find((m) => m.month === thisMonth)!;
      for (const c of categories) expect(month.staffAccesses.byJustification[c]!.count, c).toBe(expected[c]!.count);
      expect(month.staffAccesses.byJustification.legal_request).toEqual({ count: null, share: null });
      expect(month.staffAccesses.total).toBe(total);
      // Every figure the page shows for staff looks, month by month, is the JSON's.
      for (const m of report.months) {
        const name = new Intl.DateTimeFormat(locale, { month: "long", year: "numeric", timeZone: "Europe/Oslo" }).format(
          new Date(`${m.month}-15T12:00:00Z`),
        );
        const shown = await rowOf(page, texts.staffCaption, name);
        const { fraud_security: fraud, legal_request: legal } = m.staffAccesses.byJustification;
        expect(shown[texts.fraud], m.month).toBe(fraud?.count?.toString() ?? hiddenAs(fraud));
        expect(shown[texts.legal], m.month).toBe(legal?.count?.toString() ?? hiddenAs(legal));
        expect(shown[texts.total], m.month).toBe(m.staffAccesses.total?.toString() ?? "< 10");
      }
      // Purpose names in both languages.
      expect(report.consent.length).toBeGreaterThan(0);
      for (const p of report.consent) expect(p.name.nb && p.name.en).toBeTruthy();
      // No exact figure under 10 anywhere in the bytes: every count is null or 10 and up.
      const small = [...body.matchAll(/"(count|total|received|answered|customers)": (\d+)/g)].filter((m) => Number(m[2]) < 10);
      expect(small.map((m) => m[0])).toEqual([]);
    });
  });
}
