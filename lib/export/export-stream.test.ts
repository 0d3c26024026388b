import { setTimeout as sleep } from "node:timers/promises";
import { buffer } from "node:stream/consumers";
import { sql } from "drizzle-orm";
import { strFromU8, unzipSync } from "fflate";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { interactionEvents } from "@/db/schema";
import { givenCustomer } from "@/lib/testing/factories";
import { countExportRows, createExportZip } from "./export-zip";
import { keysetBatches } from "./keyset-batches";
import { exportSources } from "./sources";
import { systemScope } from "@/lib/auth/customer-scope";

const EVENTS = 20_000;
let customerId: string;

beforeAll(async () => {
  const db = await getDb();
  customerId = (await givenCustomer("bulk")).customerId;
  // 20,000 events, many sharing a timestamp (ten per second), so batch boundaries fall inside ties.
  await db.execute(sql`
    insert into interaction_events (customer_id, channel, kind, occurred_at, detail)
    select ${customerId}, 'web', 'page_view',
           timestamptz '2026-01-01T00:00:00Z' + ((g / 10) || ' seconds')::interval,
           jsonb_build_object('n', g)
    from generate_series(1, ${EVENTS}) as g`);
});

describe("keysetBatches", () => {
  it("asks for the next batch after the last row, and stops at a short one", async () => {
    const rows = Array.from({ length: 12 }, (_, i) => i);
    const asked: (number | null)[] = [];
    const batches = keysetBatches<number, number>({
      fetch: async (after, limit) => {
        asked.push(after);
        return rows.filter((r) => after === null || r > after).slice(0, limit);
      },
      cursorOf: (row) => row,
      batchSize: 5,
    });
    const seen: number[][] = [];
    for await (const batch of batches) seen.push(batch);
    expect(seen).toEqual([
      [0, 1, 2, 3, 4],
      [5, 6, 7, 8, 9],
      [10, 11],
    ]);
    expect(asked).toEqual([null, 4, 9]);
  });

  it("yields nothing for an empty table, and no empty batch after an exact multiple", async () => {
    const of = async (rows: number[]) => {
      const out: number[][] = [];
      for await (const batch of keysetBatches<number, number>({
        fetch: async (after, limit) => rows.filter((r) => after === null || r > after).slice(0, limit),
        cursorOf: (row) => row,
        batchSize: 2,
      }))
        out.push(batch);
      return out;
    };
    expect(await of([])).toEqual([]);
    expect(await of([1, 2, 3, 4])).toEqual([
      [1, 2],
      [3, 4],
    ]);
  });

  it("reads a real table in (time, id) order, each row once, across ties at batch boundaries", async () => {
    const db = await getDb();
    const ids: string[] = [];
    let batches = 0;
    for await (const batch of exportSources.interactionEvents.batches(db, systemScope(customerId, "export"), 997)) {
      batches += 1;
      for (const record of batch) ids.push(String(record.id));
    }
    expect(batches).toBe(Math.ceil(EVENTS / 997));
    expect(new Set(ids).size).toBe(EVENTS);
    expect(ids.map(Number)).toEqual([...ids.map(Number)].sort((a, b) => a - b));
  });
});

describe("a large export", () => {
  it("reads from the database only as the zip is read, and holds every row", async () => {
    const db = await getDb();
    const total = await countExportRows(db, systemScope(customerId, "export"));
    expect(total).toBe(EVENTS + 1);
    let progress = 0;
    const zip = createExportZip({
      db,
      scope: systemScope(customerId, "export"),
      locale: "en",
      requestId: "bulk-export",
      onProgress: (n) => {
        progress = n;
      },
    });
    // Nobody reads: after the first batches fill the stream buffers, reading stops.
    await sleep(500);
    const whilePaused = progress;
    expect(whilePaused).toBeLessThan(total / 2);

    const files = unzipSync(new Uint8Array(await buffer(zip)));
    expect(progress).toBe(total);
    const data = JSON.parse(strFromU8(files["data.json"]!)) as {
      categories: { interactionEvents: { count: number; records: { detail: { n: number } }[] } };
    };
    expect(data.categories.interactionEvents.count).toBe(EVENTS);
    expect(new Set(data.categories.interactionEvents.records.map((r) => r.detail.n)).size).toBe(EVENTS);
    const csvLines = strFromU8(files["csv/interactionEvents.csv"]!).trimEnd().split("\r\n");
    expect(csvLines).toHaveLength(EVENTS + 1);
  });

  it("stops reading when the download is cut off", async () => {
    const db = await getDb();
    let progress = 0;
    const zip = createExportZip({
      db,
      scope: systemScope(customerId, "export"),
      locale: "nb",
      requestId: "cut-off",
      onProgress: (n) => {
        progress = n;
      },
    });
    for await (const chunk of zip) {
      expect(chunk).toBeInstanceOf(Buffer);
      break; // for-await's break destroys the stream, as a closed connection does
    }
    await sleep(300);
    const after = progress;
    await sleep(300);
    expect(progress).toBe(after);
    expect(progress).toBeLessThan(EVENTS);
    // The database is free for everyone else (PGlite has one connection).
    expect(await countExportRows(db, systemScope(customerId, "export"))).toBe(EVENTS + 1);
    expect(
      (
        await db
          .select({ n: sql<number>`count(*)::int` })
          .from(interactionEvents)
          .where(sql`true`)
      )[0]?.n,
    ).toBeGreaterThanOrEqual(EVENTS);
  });

  it("fails the download instead of ending a zip with data missing when a read fails", async () => {
    const db = await getDb();
    const zip = createExportZip({ db, scope: systemScope(customerId, "export"), locale: "en", requestId: "broken" });
    // A table that cannot be read (as when the database goes away mid-export).
    await db.execute(sql`alter table messages_sent rename to messages_sent_away`);
    try {
      await expect(buffer(zip)).rejects.toThrow();
    } finally {
      await db.execute(sql`alter table messages_sent_away rename to messages_sent`);
    }
  });
});
