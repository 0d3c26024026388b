// npm run bench -- [--customers N] [--events M] [--iterations K] [--concurrency C,C] [--scenario name|all|none]
// `--scenario none` only seeds (npm run bench:seed -- --customers N --events M).
// `--scenario consent-analytics` seeds its own customers and consent log instead (default
// 1,000,000 customers with 10 consent events each); `--scenario integration-api` tops the
// shared seed up to 100,000 customers and runs at c=1,16,32.
// Uses BENCH_DATABASE_URL when set, otherwise an embedded PGlite folder (BENCH_DATA_DIR,
// default .data/bench, kept between runs so a large scale seed is paid once). Never the
// app's own DATABASE_URL or data folder: the bench adds thousands of synthetic customers,
// and a second process on a running app's PGlite folder would corrupt it.
import path from "node:path";
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import { closeDb, getDb, getDriver } from "@/db";
import { migrateDb } from "@/db/migrate";
import { purposes } from "@/db/schema";
import { demoPurposes, demoRetiredPurposes } from "@/lib/demo/demo-purposes";
import { publishPurposes } from "@/lib/demo/seed";
import { consentAnalytics } from "./scenarios/consent-analytics";
import { consentHistory } from "./scenarios/consent-history";
import { consentToggle } from "./scenarios/consent-toggle";
import { customerSearch } from "./scenarios/customer-search";
import { dataPage } from "./scenarios/data-page";
import { exportScenario } from "./scenarios/export";
import { integrationApi } from "./scenarios/integration-api";
import { openCustomerScenario } from "./scenarios/open-customer";
import { seedScale } from "./seed-scale";
import { printTable, type Sample } from "./stats";

const { values } = parseArgs({
  options: {
    customers: { type: "string" },
    events: { type: "string" },
    iterations: { type: "string" },
    concurrency: { type: "string" },
    scenario: { type: "string", default: "all" },
  },
});

// Scenarios that seed their own scale, with their own defaults; the shared seed is skipped for them.
const ownSeed: Record<string, { customers: number; events: number; iterations: number }> = {
  "consent-analytics": { customers: 1_000_000, events: 10, iterations: 500 },
};
// Scenarios on the shared seed at a scale of their own.
const sharedSeedAt: Record<string, { customers: number; events: number; iterations: number; concurrency: string }> = {
  "integration-api": { customers: 100_000, events: 0, iterations: 20_000, concurrency: "1,16,32" },
};
const defaults = ownSeed[values.scenario!] ??
  sharedSeedAt[values.scenario!] ?? { customers: 10_000, events: 20, iterations: 2000 };
const customers = Number(values.customers ?? defaults.customers);
const events = Number(values.events ?? defaults.events);
const iterations = Number(values.iterations ?? defaults.iterations);
const concurrencies = (values.concurrency ?? sharedSeedAt[values.scenario!]?.concurrency ?? "1,8")
  .split(",")
  .map(Number);
if (![customers, events, iterations, ...concurrencies].every((n) => Number.isInteger(n) && n >= 0) || customers < 1) {
  console.error("--customers, --events, --iterations and --concurrency take whole numbers");
  process.exit(2);
}

const scenarios: Record<string, () => Promise<Sample[]>> = {
  "consent-toggle": async () => {
    const out: Sample[] = [];
    for (const concurrency of concurrencies) out.push(await consentToggle({ customers, iterations, concurrency }));
    return out;
  },
  "data-page": () => dataPage({ iterations, concurrencies, databaseUrl: process.env.BENCH_DATABASE_URL }),
  "consent-history": () => consentHistory({ iterations, concurrencies, databaseUrl: process.env.BENCH_DATABASE_URL }),
  "customer-search": () => customerSearch({ iterations, concurrencies }),
  "open-customer": () => openCustomerScenario({ customers, iterations, concurrencies }),
  // Not in "all": it seeds a million events. Run it with --scenario export.
  export: () => exportScenario({ databaseUrl: process.env.BENCH_DATABASE_URL }),
  // Not in "all": it seeds ten million consent events. Run it with --scenario consent-analytics.
  "consent-analytics": () => consentAnalytics({ customers, eventsPerCustomer: events, iterations, concurrencies }),
  // Not in "all": 100,000 customers. Run it with --scenario integration-api (on PostgreSQL).
  "integration-api": () => integrationApi({ iterations, concurrencies, databaseUrl: process.env.BENCH_DATABASE_URL }),
};

async function main() {
  process.env.TILLIT_DATA_DIR = path.resolve(process.env.BENCH_DATA_DIR ?? ".data/bench");
  if (process.env.BENCH_DATABASE_URL) process.env.DATABASE_URL = process.env.BENCH_DATABASE_URL;
  else delete process.env.DATABASE_URL;
  const driver = await getDriver();
  console.log(`bench on ${driver}${driver === "postgres" ? "" : ` (${process.env.TILLIT_DATA_DIR})`}`);
  await migrateDb();
  // The versions the scale seed's consent events refer to, as the demo seed keeps them.
  const db = await getDb();
  await db
    .insert(purposes)
    .values(demoRetiredPurposes.map((p) => ({ ...p, status: "retired" as const })))
    .onConflictDoNothing();
  await publishPurposes(db, demoPurposes);

  if (!ownSeed[values.scenario!]) {
    const t0 = performance.now();
    const { added, total } = await seedScale(await getDb(), { customers, eventsPerCustomer: events });
    console.log(
      `${total} bench customers (${added} added, ${events} events each for new ones) in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`,
    );

    // Fresh statistics after a bulk load, as autovacuum would eventually produce.
    await (await getDb()).execute(sql`analyze`);
  }

  const chosen =
    values.scenario === "all"
      ? Object.keys(scenarios).filter((name) => name !== "export" && !ownSeed[name] && !sharedSeedAt[name])
      : values.scenario === "none"
        ? []
        : [values.scenario!];
  const samples: Sample[] = [];
  for (const name of chosen) {
    const run = scenarios[name];
    if (!run) throw new Error(`unknown scenario ${name}; known: ${Object.keys(scenarios).join(", ")}`);
    samples.push(...(await run()));
  }
  if (samples.length > 0) printTable(samples);
  await closeDb();
}

main().catch(async (error) => {
  console.error(error);
  await closeDb().catch(() => {});
  process.exit(1);
});
