import { buffer } from "node:stream/consumers";
import { unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { apiClients, systemReads } from "@/db/schema";
import { listStaffAccess } from "@/lib/access-log/list-staff-access";
import { recentStaffAccess } from "@/lib/access-log/recent-staff-access";
import { systemScope } from "@/lib/auth/customer-scope";
import { createExportZip } from "@/lib/export/export-zip";
import type { Locale } from "@/lib/i18n/locales";
import { translatorFor } from "@/lib/i18n/translator";
import { givenCustomer, givenPublishedPurposes } from "@/lib/testing/factories";
import { accessEntryTitle } from "./access-entry-title";

// An API client's consent check about one customer, as /api/v1 writes it: a read in
// system_reads under the name the client had then (its current name may differ).
async function givenSystemAccess(customerId: string, purposeKey: string, at: Date) {
  const db = await getDb();
  const [client] = await db
    .insert(apiClients)
    .values({ name: `Renamed shop ${crypto.randomUUID()}`, scopes: ["consent.read"], createdBy: "test" })
    .returning();
  await db
    .insert(systemReads)
    .values({ clientId: client!.id, clientName: "Web shop", purposeKey, customerIds: [customerId], occurredAt: at });
}

const title = (locale: Locale, entry: Parameters<typeof accessEntryTitle>[1]) =>
  accessEntryTitle(translatorFor(locale, "access") as never, entry, locale);

describe("a system access on the customer's access page", () => {
  it("says which system checked which purpose, in the reader's language", async () => {
    await givenPublishedPurposes();
    const kari = await givenCustomer("system-access");
    await givenSystemAccess(kari.customerId, "newsletter", new Date(Date.now() - 60_000));
    await givenSystemAccess(kari.customerId, "gone-purpose", new Date());

    // Listed apart from staff: a system's check is not a person looking.
    expect((await listStaffAccess(kari)).total).toBe(0);
    const { items } = await listStaffAccess(kari, { who: "systems" });
    expect(items.map((e) => [e.staffRole, e.staffName, e.field, e.reasonCode, e.purposeNames])).toEqual([
      ["system", "Web shop", "gone-purpose", "api_consent_check", null],
      ["system", "Web shop", "newsletter", "api_consent_check", { nb: "Nyhetsbrev", en: "Newsletter" }],
    ]);
    const [gone, newsletter] = items;
    expect(title("en", newsletter!)).toBe(
      "Web shop checked, through our consent service, whether it may use your data for Newsletter",
    );
    expect(title("nb", newsletter!)).toBe(
      "Web shop sjekket gjennom samtykketjenesten vår om det får bruke dataene dine til Nyhetsbrev",
    );
    // A purpose that is gone is named by its key.
    expect(title("en", gone!)).toMatch(/whether it may use your data for gone-purpose$/);
    expect(translatorFor("nb", "access")(`reasonCode.${newsletter!.reasonCode!}`)).toBe(
      "En automatisk sjekk av samtykket ditt før dataene dine blir brukt",
    );

    const recent = await recentStaffAccess(kari, { limit: 3 });
    expect(recent[1]!.purposeNames).toEqual({ nb: "Nyhetsbrev", en: "Newsletter" });
  });

  it("labels a system access in plain words in the export's index.html, in both languages", async () => {
    await givenPublishedPurposes();
    const ola = await givenCustomer("system-export");
    await givenSystemAccess(ola.customerId, "newsletter", new Date());
    const db = await getDb();
    const page = async (locale: Locale) => {
      const zip = await buffer(
        createExportZip({ db, scope: systemScope(ola.customerId, "export"), locale, requestId: `system-${locale}` }),
      );
      const html = new TextDecoder().decode(unzipSync(new Uint8Array(zip))["index.html"]!);
      return html.replace(/<[^>]+>/g, " ");
    };
    const en = await page("en");
    expect(en).toContain("a system connected to ours");
    expect(en).toContain("Checked whether it may use your data for Newsletter");
    expect(en).toContain("An automatic check of your consent before your data is used");
    expect(en).not.toContain("a masked detail");
    const nb = await page("nb");
    expect(nb).toContain("et system koblet til vårt");
    expect(nb).toContain("Sjekket om det får bruke dataene dine til Nyhetsbrev");
  });
});
