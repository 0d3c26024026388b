import { beforeAll, describe, expect, it } from "vitest";
import { decodeCursor, firstPage, PAGE_SIZE, type ListQuery } from "@/lib/pagination/keyset";
import { givenCustomer } from "@/lib/testing/factories";
import { listInteractions, MATCH_COUNT_CAP, type InteractionPage } from "./list-interactions";
import type { InteractionFilters } from "./list-params";
import { givenInteractions, givenManyInteractions } from "./data-inventory.test-support";

type Customer = Awaited<ReturnType<typeof givenCustomer>>;
const noFilters: InteractionFilters = { channel: null, from: null, to: null };
const channels = ["web", "app", "store", "support", "email"] as const;

let anne: Customer;
let bob: Customer;
let heavy: Customer;

// 60 events; pairs share a timestamp, and neighbours differ by a microsecond only,
// so a cursor that lost precision or ignored ties would skip or repeat rows.
const anneEvents = Array.from({ length: 60 }, (_, i) => ({
  channel: channels[i % 5]!,
  at: `2026-03-${String(1 + Math.floor(i / 4)).padStart(2, "0")}T10:00:00.00000${Math.floor(i / 2) % 2}Z`,
  kind: `k${i}`,
}));

beforeAll(async () => {
  anne = await givenCustomer("anne");
  bob = await givenCustomer("bob");
  heavy = await givenCustomer("heavy");
  await givenInteractions(anne.customerId, anneEvents);
  await givenInteractions(bob.customerId, [{ channel: "web", at: "2026-03-05T10:00:00Z", kind: "bob-only" }]);
  await givenManyInteractions(heavy.customerId, MATCH_COUNT_CAP + 50);
});

/** Walks the older links from the first page to the end. */
async function allPages(customer: Customer, filters = noFilters) {
  const pages: InteractionPage[] = [];
  let query: ListQuery = firstPage;
  for (let i = 0; i < 100; i++) {
    const page = await listInteractions(customer, { filters, query, locale: "en" });
    pages.push(page);
    if (!page.older) break;
    query = { cursor: decodeCursor(page.older, "number"), direction: "older" };
  }
  return pages;
}

const kinds = (page: InteractionPage) => page.items.map((e) => e.kind);

describe("listInteractions", () => {
  it("pages through every event once, newest first, a page at a time", async () => {
    const pages = await allPages(anne);
    expect(pages.map((p) => p.items.length)).toEqual([PAGE_SIZE, PAGE_SIZE, 60 - 2 * PAGE_SIZE]);
    const seen = pages.flatMap(kinds);
    expect(new Set(seen).size).toBe(60);
    const times = pages.flatMap((p) => p.items.map((e) => e.occurredAt.getTime()));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(pages[0]!.newer).toBeNull();
    expect(pages[2]!.older).toBeNull();
    expect(pages[0]!.matches).toEqual({ count: 60, capped: false });
  });

  it("goes back to the newer page it came from", async () => {
    const [first, second] = await allPages(anne);
    const back = await listInteractions(anne, {
      filters: noFilters,
      query: { cursor: decodeCursor(second!.newer!, "number"), direction: "newer" },
      locale: "en",
    });
    expect(kinds(back)).toEqual(kinds(first!));
    expect(back.newer).toBeNull();
    expect(back.older).toBe(first!.older);
  });

  it("filters by channel", async () => {
    const pages = await allPages(anne, { ...noFilters, channel: "app" });
    const events = pages.flatMap((p) => p.items);
    expect(events).toHaveLength(12);
    expect(new Set(events.map((e) => e.channel))).toEqual(new Set(["app"]));
    expect(pages[0]!.matches).toEqual({ count: 12, capped: false });
  });

  it("filters by an inclusive range of Oslo calendar days", async () => {
    // 2026-03-02 and -03 hold events 4..11.
    const page = await listInteractions(anne, {
      filters: { channel: null, from: "2026-03-02", to: "2026-03-03" },
      query: firstPage,
      locale: "en",
    });
    expect(kinds(page).sort()).toEqual(["k10", "k11", "k4", "k5", "k6", "k7", "k8", "k9"]);
  });

  it("counts a day from Oslo midnight, not UTC midnight", async () => {
    const late = await givenCustomer("late");
    // 23:30 UTC on 1 March is 00:30 on 2 March in Oslo.
    await givenInteractions(late.customerId, [{ channel: "web", at: "2026-03-01T23:30:00Z", kind: "late" }]);
    const on = (day: string) =>
      listInteractions(late, { filters: { channel: null, from: day, to: day }, query: firstPage, locale: "en" });
    expect(kinds(await on("2026-03-01"))).toEqual([]);
    expect(kinds(await on("2026-03-02"))).toEqual(["late"]);
  });

  it("combines channel and dates", async () => {
    const page = await listInteractions(anne, {
      filters: { channel: "web", from: "2026-03-01", to: "2026-03-05" },
      query: firstPage,
      locale: "en",
    });
    expect(kinds(page).sort()).toEqual(["k0", "k10", "k15", "k5"]);
  });

  it("stops counting matches at the cap", async () => {
    const page = await listInteractions(heavy, { filters: noFilters, query: firstPage, locale: "en" });
    expect(page.matches).toEqual({ count: MATCH_COUNT_CAP, capped: true });
    expect(page.items).toHaveLength(PAGE_SIZE);
  });

  it("pages deep into a long history", async () => {
    let page = await listInteractions(heavy, { filters: noFilters, query: firstPage, locale: "en" });
    for (let i = 0; i < 5; i++) {
      page = await listInteractions(heavy, {
        filters: noFilters,
        query: { cursor: decodeCursor(page.older!, "number"), direction: "older" },
        locale: "en",
      });
    }
    // Events are one minute apart, ending 2026-06-01 12:00 UTC: page 6 starts five pages back.
    expect(page.items[0]!.occurredAt).toEqual(new Date(Date.parse("2026-06-01T12:00:00Z") - 5 * PAGE_SIZE * 60_000));
  });

  it("never shows one customer another's events", async () => {
    const [bobs] = await allPages(bob);
    expect(kinds(bobs!)).toEqual(["bob-only"]);
    // Anne's cursor only positions Bob's own list.
    const [, second] = await allPages(anne);
    const withAnnesCursor = await listInteractions(bob, {
      filters: noFilters,
      query: { cursor: decodeCursor(second!.newer!, "number"), direction: "older" },
      locale: "en",
    });
    expect(withAnnesCursor.items.every((e) => e.kind === "bob-only")).toBe(true);
    expect((await allPages(anne)).flatMap(kinds)).not.toContain("bob-only");
  });

  it("is for customers only", async () => {
    await expect(listInteractions(null, { filters: noFilters, query: firstPage, locale: "en" })).rejects.toMatchObject({
      code: "unauthenticated",
    });
  });
});
