// npx tsx --conditions=react-server bench/erasure.ts [--events N,N]
// Times one erasure job (one transaction) for a customer with N interaction events, on a
// fresh database: in-memory PGlite, or a new database on BENCH_DATABASE_URL's server.
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import { createTestDatabase } from "@/db/test-database.test-support";
import { closeDb, installDb } from "@/db";
import { customers, users } from "@/db/schema";
import { runErasureJob } from "@/lib/erasure/run-erasure-job";
import { enqueueJob } from "@/lib/jobs/queue";
import { fileRequest } from "@/lib/requests/record-request";

const { values } = parseArgs({ options: { events: { type: "string", default: "10000,100000" } } });
const sizes = values.events!.split(",").map(Number);

async function main() {
  process.env.AUTH_SECRET ??= "bench-secret-bench-secret-bench-secret-0";
  if (process.env.BENCH_DATABASE_URL) process.env.DATABASE_URL = process.env.BENCH_DATABASE_URL;
  else delete process.env.DATABASE_URL;
  const { db, driver, close } = await createTestDatabase();
  installDb(db, driver, close);
  console.log(`erasure bench on ${driver}`);
  console.log("events     | rows deleted | time (ms) | rows/s");
  for (const [i, events] of sizes.entries()) {
    const [user] = await db
      .insert(users)
      .values({ email: `bench-${i}@example.test`, role: "customer" })
      .returning();
    await db.insert(customers).values({ id: user!.id, givenName: "Bench", familyName: "Person" });
    await db.execute(sql`
      insert into interaction_events (customer_id, channel, kind, occurred_at, detail)
      select ${user!.id}, 'web', 'page_view', now() - make_interval(secs => g), jsonb_build_object('path', '/p/' || g)
      from generate_series(1, ${events}) g`);
    const job = await db.transaction(async (tx) => {
      const request = await fileRequest(tx, { customerId: user!.id, kind: "erasure", steps: ["scheduled"] });
      return enqueueJob(tx, { kind: "erasure", customerId: user!.id, requestId: request.id });
    });
    const started = performance.now();
    await runErasureJob({ db, job, workerId: "bench", reportProgress: async () => {} });
    const ms = performance.now() - started;
    const rows = events + 5; // events + users, customers, request, its history row, job
    console.log(
      `${String(events).padEnd(10)} | ${String(rows).padEnd(12)} | ${ms.toFixed(0).padEnd(9)} | ${Math.round((rows / ms) * 1000)}`,
    );
  }
  await closeDb();
}

void main();
