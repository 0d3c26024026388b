import { beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { decodeCursor, firstPage, type ListQuery } from "@/lib/pagination/keyset";
import { givenCustomer, givenPublishedPurposes, givenStaff } from "@/lib/testing/factories";
import { HISTORY_PAGE_SIZE, listConsentHistory, type ConsentHistoryPage } from "./list-consent-history";
import { setConsent } from "./set-consent";
import { givenConsentEvents } from "./consent.test-support";

type Customer = Awaited<ReturnType<typeof givenCustomer>>;
let anne: Customer;
let bob: Customer;
let carl: Customer;

const iphone =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1";

beforeAll(async () => {
  await givenPublishedPurposes();
  anne = await givenCustomer("anne");
  bob = await givenCustomer("bob");
  carl = await givenCustomer("carl");
  await givenConsentEvents(anne.customerId, { count: 120, keys: ["newsletter", "order_sms", "product_analytics"] });
  await givenConsentEvents(bob.customerId, { count: 3, keys: ["newsletter"] });
  // Carl's events go through the real writer, from an iPhone in Norwegian and from a browser nobody knows.
  await setConsent(carl, {
    purposeKey: "order_sms",
    purposeVersion: 1,
    granted: true,
    source: { channel: "app", userAgent: iphone, locale: "nb", gpc: true },
  });
  await setConsent(carl, {
    purposeKey: "order_sms",
    purposeVersion: 1,
    granted: false,
    source: { channel: "web", userAgent: null, locale: "en" },
  });
});

async function allPages(customer: Customer, purposeKey: string | null = null) {
  const pages: ConsentHistoryPage[] = [];
  let query: ListQuery = firstPage;
  for (let i = 0; i < 20; i++) {
    const page = await listConsentHistory(customer, { query, purposeKey, locale: "en" });
    pages.push(page);
    if (!page.older) break;
    query = { cursor: decodeCursor(page.older, "number"), direction: "older" };
  }
  return pages;
}

describe("listConsentHistory", () => {
  it("pages through every event once, newest first, 50 a page, ties broken by id", async () => {
    const pages = await allPages(anne);
    expect(pages.map((p) => p.items.length)).toEqual([HISTORY_PAGE_SIZE, HISTORY_PAGE_SIZE, 20]);
    const items = pages.flatMap((p) => p.items);
    expect(new Set(items.map((e) => e.id)).size).toBe(120);
    const order = items.map((e) => [e.occurredAt.getTime(), e.id] as const);
    const sorted = [...order].sort((a, b) => b[0] - a[0] || b[1] - a[1]);
    expect(order).toEqual(sorted);
    // Events 1 and 2 share their time: the later id comes first.
    expect(items.slice(0, 3).map((e) => [e.shownText.name, e.action])).toEqual([
      ["Event 2", "granted"],
      ["Event 1", "withdrawn"],
      ["Event 3", "withdrawn"],
    ]);
    expect(pages[0]!.newer).toBeNull();
    expect(pages[1]!.newer).not.toBeNull();
    expect(pages[2]!.older).toBeNull();
  });

  it("goes back to newer pages from a deep page", async () => {
    const [, second] = await allPages(anne);
    const back = await listConsentHistory(anne, {
      query: { cursor: decodeCursor(second!.newer!, "number"), direction: "newer" },
      purposeKey: null,
      locale: "en",
    });
    const first = await listConsentHistory(anne, { query: firstPage, purposeKey: null, locale: "en" });
    expect(back.items.map((e) => e.id)).toEqual(first.items.map((e) => e.id));
  });

  it("filters by purpose and names every purpose for the filter", async () => {
    const pages = await allPages(anne, "order_sms");
    const items = pages.flatMap((p) => p.items);
    expect(items).toHaveLength(40);
    expect(new Set(items.map((e) => e.purposeKey))).toEqual(new Set(["order_sms"]));
    expect(pages[0]).toMatchObject({ purposeKey: "order_sms", unknownPurpose: false });
    expect(pages[0]!.purposes).toContainEqual({ key: "order_sms", name: "Order updates by SMS" });
    const nb = await listConsentHistory(anne, { query: firstPage, purposeKey: null, locale: "nb" });
    expect(nb.purposes).toContainEqual({ key: "order_sms", name: "Ordreoppdateringer på SMS" });
  });

  it("ignores an unknown purpose and says so", async () => {
    const page = await listConsentHistory(anne, { query: firstPage, purposeKey: "sell_to_brokers", locale: "en" });
    expect(page).toMatchObject({ purposeKey: null, unknownPurpose: true });
    expect(page.items).toHaveLength(HISTORY_PAGE_SIZE);
  });

  it("shows the text as it was shown, the device, channel, method and GPC", async () => {
    const page = await listConsentHistory(carl, { query: firstPage, purposeKey: null, locale: "en" });
    expect(page.items).toMatchObject([
      {
        action: "withdrawn",
        channel: "web",
        method: "switch",
        device: { browser: null, os: null },
        gpc: false,
        locale: "en",
        shownText: { name: "Order updates by SMS" },
        expiresAt: null,
      },
      {
        action: "granted",
        channel: "app",
        method: "switch",
        device: { browser: "Mobile Safari 17", os: "iOS 17.4" },
        gpc: true,
        locale: "nb",
        shownText: { name: "Ordreoppdateringer på SMS", retention: expect.stringContaining("24 måneder") },
        expiresAt: expect.any(Date),
      },
    ]);
  });

  it("names the purpose in the reader's language, whatever language the text was shown in", async () => {
    for (const [locale, name] of [
      ["en", "Order updates by SMS"],
      ["nb", "Ordreoppdateringer på SMS"],
    ] as const) {
      const page = await listConsentHistory(carl, { query: firstPage, purposeKey: null, locale });
      expect(page.items.map((e) => [e.purposeName, e.locale, e.shownText.name])).toEqual([
        [name, "en", "Order updates by SMS"],
        [name, "nb", "Ordreoppdateringer på SMS"],
      ]);
    }
  });

  it("shows each customer only their own events, whatever the cursor", async () => {
    const bobs = await listConsentHistory(bob, { query: firstPage, purposeKey: null, locale: "en" });
    expect(bobs.items).toHaveLength(3);
    const [, anneSecond] = await allPages(anne);
    const withAnnesCursor = await listConsentHistory(bob, {
      query: { cursor: decodeCursor(anneSecond!.newer!, "number"), direction: "older" },
      purposeKey: null,
      locale: "en",
    });
    expect(withAnnesCursor.items.every((e) => bobs.items.some((b) => b.id === e.id))).toBe(true);
  });

  it("is for the signed-in customer only", async () => {
    const args = { query: firstPage, purposeKey: null, locale: "en" as const };
    await expect(listConsentHistory(null, args)).rejects.toMatchObject({ code: "unauthenticated" });
    for (const role of ["agent", "product"] as const) {
      await expect(listConsentHistory(await givenStaff(role), args)).rejects.toBeInstanceOf(AppError);
      await expect(listConsentHistory(await givenStaff(role), args)).rejects.toMatchObject({ code: "forbidden" });
    }
  });
});
