import { readdirSync, readFileSync } from "node:fs";
import { count, eq, inArray, sql } from "drizzle-orm";
import { getDb, type Db } from "@/db";
import { dataSubjectRequests, exportFileChunks, jobs, users } from "@/db/schema";
import { enqueueJob } from "@/lib/jobs/queue";
import { fileRequest } from "@/lib/requests/record-request";
import { assertProductionBuild, benchSession, sessionHeaders, startBenchServer } from "../http";
import { summarise, type Sample } from "../stats";

// Two customers that differ only in the size of their history, to show that the server's
// memory stays flat while the export streams: 10,000 and 1,000,000 interaction events.
const EXPORT_CUSTOMERS = [
  { id: "export-10k", events: 10_000, iterations: 5 },
  { id: "export-1m", events: 1_000_000, iterations: 2 },
] as const;

/** Adds the export customers and tops their events up to the target (set-based, once). */
async function seedExportCustomers(db: Db): Promise<void> {
  for (const customer of EXPORT_CUSTOMERS) {
    await db.execute(sql`
      insert into users (id, email, name, role)
      values (${customer.id}, ${`${customer.id}@example.invalid`}, 'Export Bench', 'customer')
      on conflict (id) do nothing`);
    await db.execute(sql`
      insert into customers (id, given_name, family_name, phone, locale)
      values (${customer.id}, 'Export', 'Bench', '+47 400 00 000', 'en')
      on conflict (id) do nothing`);
    const result = (await db.execute(
      sql`select count(*)::int as n from interaction_events where customer_id = ${customer.id}`,
    )) as unknown;
    const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as { n: number }[];
    const have = Number(rows[0]!.n);
    // In slices, so the embedded database never holds one huge transaction.
    for (let from = have; from < customer.events; from += 250_000) {
      const to = Math.min(from + 250_000, customer.events) - 1;
      await db.execute(sql`
        insert into interaction_events (customer_id, channel, kind, occurred_at, detail)
        select ${customer.id}, (array['web','app','store','support','email'])[1 + (g * 7) % 5],
               (array['page_view','search','add_to_cart','product_view','store_visit'])[1 + g % 5],
               timestamptz '2026-01-01T00:00:00Z' - make_interval(secs => g * 30),
               case when g % 10 = 0 then jsonb_build_object('path', '/products/' || g) end
        from generate_series(${from}::int, ${to}::int) g`);
      console.log(`  ${customer.id}: ${to + 1} events`);
    }
  }
}

/** A completed direct export request, as startExport files it (the bench skips its 3-a-day limit). */
async function directExport(db: Db, customerId: string): Promise<string> {
  return db.transaction(async (tx) => {
    const request = await fileRequest(tx, {
      customerId,
      kind: "export",
      details: { mode: "direct", locale: "en" },
      steps: ["in_progress", "completed"],
    });
    return request.id;
  });
}

/**
 * The pids of the `next start` this bench spawned and of its children: the server's memory
 * is theirs. Found among our own descendants (Next renames its process "next-server").
 */
function serverPids(): number[] {
  const parentOf = new Map<number, number>();
  const cmdlineOf = new Map<number, string>();
  for (const name of readdirSync("/proc").filter((entry) => /^\d+$/.test(entry))) {
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      parentOf.set(Number(name), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
      cmdlineOf.set(Number(name), readFileSync(`/proc/${name}/cmdline`, "utf8"));
    } catch {
      // The process ended while we looked.
    }
  }
  const descendants = new Set<number>();
  for (let grew = true; grew;) {
    grew = false;
    for (const [pid, parent] of parentOf) {
      if (!descendants.has(pid) && (parent === process.pid || descendants.has(parent))) {
        descendants.add(pid);
        grew = true;
      }
    }
  }
  return [...descendants].filter((pid) => cmdlineOf.get(pid)?.includes("next"));
}

function rssBytes(pids: number[]): number {
  let total = 0;
  for (const pid of pids) {
    try {
      const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
      total += Number(match?.[1] ?? 0) * 1024;
    } catch {
      // Gone.
    }
  }
  return total;
}

/** Samples the server's RSS every 50 ms while `work` runs; returns the peak. */
async function withPeakRss<T>(pids: number[], work: () => Promise<T>): Promise<{ result: T; peak: number }> {
  let peak = rssBytes(pids);
  const timer = setInterval(() => (peak = Math.max(peak, rssBytes(pids))), 50);
  try {
    const result = await work();
    return { result, peak: Math.max(peak, rssBytes(pids)) };
  } finally {
    clearInterval(timer);
  }
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/**
 * GET of a direct export's download (the pure streaming path: the zip is written from
 * database batches into the response) for a customer with 10,000 and with 1,000,000
 * interaction events, against `next start` on the bench database; then, on PostgreSQL,
 * the background job for 1,000,000 (job → stored chunks) and the download of the stored file.
 */
export async function exportScenario(options: { databaseUrl: string | undefined }): Promise<Sample[]> {
  assertProductionBuild("export");
  let db = await getDb();
  const t0 = performance.now();
  await seedExportCustomers(db);
  await db.execute(sql.raw("vacuum (analyze) interaction_events"));
  // Earlier bench runs' export requests (and stored files, by cascade) go.
  const ids = EXPORT_CUSTOMERS.map((c) => c.id);
  await db.delete(dataSubjectRequests).where(inArray(dataSubjectRequests.customerId, ids));
  const tokens = new Map<string, string>();
  const requests = new Map<string, string[]>();
  for (const customer of EXPORT_CUSTOMERS) {
    tokens.set(customer.id, await benchSession(db, customer.id));
    const list: string[] = [];
    for (let i = 0; i < customer.iterations; i += 1) list.push(await directExport(db, customer.id));
    requests.set(customer.id, list);
  }
  const [user] = await db.select({ id: users.id }).from(users).where(eq(users.id, "export-1m"));
  if (!user) throw new Error("export customers missing");
  console.log(`export customers ready in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const { driver, server } = await startBenchServer(options.databaseUrl, {
    TILLIT_EXPORT_DIRECT_MAX_ROWS: "100000000",
    TILLIT_JOB_POLL_MS: "500",
  });
  const samples: Sample[] = [];
  const lines: string[] = [];
  const download = async (customerId: string, requestId: string) => {
    const response = await fetch(`${server.baseURL}/account/export/${requestId}/download`, {
      headers: sessionHeaders(tokens.get(customerId)!),
      redirect: "manual",
    });
    if (response.status !== 200 || !response.body) throw new Error(`download ${customerId}: ${response.status}`);
    let bytes = 0;
    const reader = response.body.getReader();
    for (let next = await reader.read(); !next.done; next = await reader.read()) bytes += next.value.byteLength;
    return bytes;
  };
  try {
    const pids = serverPids();
    console.log(`server pids: ${pids.join(", ")}`);
    if (pids.length === 0) throw new Error("cannot find the server process");
    // Warm up the route (first compile of the handler, database pool) on the small customer.
    await download("export-10k", requests.get("export-10k")![0]!);
    for (const customer of EXPORT_CUSTOMERS) {
      await new Promise((resolve) => setTimeout(resolve, 2000));
      const idle = rssBytes(pids);
      const latenciesMs: number[] = [];
      let peak = idle;
      let bytes = 0;
      const wall0 = performance.now();
      for (const requestId of requests.get(customer.id)!) {
        const t = performance.now();
        const measured = await withPeakRss(pids, () => download(customer.id, requestId));
        latenciesMs.push(performance.now() - t);
        peak = Math.max(peak, measured.peak);
        bytes = measured.result;
      }
      const sample = {
        name: `GET direct export, ${customer.events} events`,
        latenciesMs,
        wallMs: performance.now() - wall0,
      };
      samples.push(sample);
      const p50 = summarise(sample).p50;
      lines.push(
        `${customer.id}: ${customer.events} events, zip ${mb(bytes)}, p50 ${(p50 / 1000).toFixed(2)} s, ` +
          `${Math.round(customer.events / (p50 / 1000))} rows/s, RSS idle ${mb(idle)}, peak ${mb(peak)}, growth ${mb(peak - idle)}`,
      );
    }

    if (driver === "postgres") {
      db = await getDb();
      const requestId = await db.transaction(async (tx) => {
        const request = await fileRequest(tx, {
          customerId: "export-1m",
          kind: "export",
          details: { mode: "background", locale: "en" },
          steps: ["in_progress"],
        });
        await enqueueJob(tx, { kind: "export", customerId: "export-1m", requestId: request.id });
        return request.id;
      });
      const idle = rssBytes(pids);
      const t = performance.now();
      const { peak } = await withPeakRss(pids, async () => {
        for (;;) {
          const [job] = await db.select({ status: jobs.status }).from(jobs).where(eq(jobs.requestId, requestId));
          if (job?.status === "done") return;
          if (job?.status === "failed" || !job) throw new Error("background export failed");
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
      });
      const jobMs = performance.now() - t;
      const stored = await withPeakRss(pids, async () => {
        const t1 = performance.now();
        const bytes = await download("export-1m", requestId);
        return { bytes, ms: performance.now() - t1 };
      });
      const [file] = await db
        .select({ chunks: count() })
        .from(exportFileChunks)
        .where(eq(exportFileChunks.requestId, requestId));
      lines.push(
        `export-1m background job: ${(jobMs / 1000).toFixed(2)} s (incl. ≤0.5 s poll), ${Math.round(1_000_000 / (jobMs / 1000))} rows/s, ` +
          `${file?.chunks} chunks, RSS idle ${mb(idle)}, peak ${mb(peak)}, growth ${mb(peak - idle)}`,
        `export-1m stored download: ${mb(stored.result.bytes)} in ${(stored.result.ms / 1000).toFixed(2)} s, ` +
          `RSS peak ${mb(stored.peak)}, growth over idle ${mb(stored.peak - idle)}`,
      );
      await db.delete(dataSubjectRequests).where(eq(dataSubjectRequests.id, requestId));
    }
  } finally {
    await server.stop();
  }
  console.log(`\n${lines.join("\n")}\n`);
  return samples;
}
