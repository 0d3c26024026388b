import { spawn } from "node:child_process";
import { Agent, request } from "node:http";
import path from "node:path";
import { sql } from "drizzle-orm";
import { getDb, getDriver } from "@/db";
import { apiClients, apiClientTokens } from "@/db/schema";
import { newApiToken } from "@/lib/integration/api-token";
import { rowsOf } from "@/db/rows-of";
import { freePort } from "../../e2e/support/app-server";
import { assertProductionBuild, startBenchServer } from "../http";
import { measure, measureInTurns, summarise, type Sample } from "../stats";

const BULK_SIZE = 10_000;
const EVENT_BATCH = 1_000;

/**
 * The integration API against `next start` on the bench database (100,000 customers): the
 * decision API for one customer through the app's port (where the API is answered before
 * Next.js reads the request) and through the API's own port (TILLIT_API_PORT, same process), beside a bare node:http + postgres.js server answering
 * the same question (same indexed reads in one statement; and the route's statement for one
 * check in its steady state: one that proves the token, reads, locks and writes the read and
 * call logs — the route shares such a statement between checks that arrive together, the bare
 * server never does), a bulk check of 10,000 customers, and event batches of 1,000. All HTTP,
 * keep-alive, from this process.
 */
export async function integrationApi(options: {
  iterations: number;
  concurrencies: number[];
  databaseUrl: string | undefined;
}): Promise<Sample[]> {
  assertProductionBuild("integration-api");
  const driver = await getDriver();
  if (driver !== "postgres")
    console.warn("integration-api: the issue's figures are for PostgreSQL (BENCH_DATABASE_URL)");
  const db = await getDb();
  const [client] = await db
    .insert(apiClients)
    .values({
      name: "Bench system",
      scopes: ["consent.read", "consent.check.bulk", "events.write"],
      createdBy: "bench",
    })
    .returning();
  const { token, tokenHash, hint } = newApiToken();
  await db.insert(apiClientTokens).values({ clientId: client!.id, tokenHash, hint });
  const numbers = rowsOf<{ n: string }>(
    await db.execute(sql`select customer_number::text as n from customers where id like 'bench-%' order by id`),
  ).map((r) => r.n);
  if (numbers.length < 10_000) throw new Error("integration-api needs the scale seed (--customers 100000)");
  for (const table of ["customers", "consent_states", "consent_events", "system_reads", "api_calls"]) {
    await db.execute(sql.raw(`vacuum (analyze) ${table}`));
  }
  console.log(`integration-api: ${numbers.length} customers`);

  const pick = (i: number) => numbers[Math.abs((i * 7919 + 13) % numbers.length)]!;
  const headers = { authorization: `Bearer ${token}`, "accept-language": "en" };
  const samples: Sample[] = [];
  const apiPort = await freePort();
  const { server } = await startBenchServer(options.databaseUrl, {
    TILLIT_API_RATE_LIMIT_PER_MINUTE: "100000000",
    TILLIT_API_PORT: String(apiPort),
  });
  const bare = await startBareServer(options.databaseUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  try {
    const next = httpClient(agent, server.baseURL, headers);
    const apiDoor = httpClient(agent, `http://127.0.0.1:${apiPort}`, headers);
    const baseline = httpClient(agent, bare.baseURL, headers);
    const first = await next("GET", `/api/v1/customers/${pick(1)}/consents/newsletter`);
    if (!/"decision":"(allow|deny)"/.test(first)) throw new Error(`unexpected decision answer: ${first.slice(0, 200)}`);

    const ratios: string[] = [];
    for (const concurrency of options.concurrencies) {
      // Both ports and the bare server in turns (see measureInTurns), so that their ratios
      // compare the same minutes.
      const [api, own, full, read] = await measureInTurns(
        [
          {
            name: `GET decision, the app's port (c=${concurrency})`,
            op: (i) => next("GET", `/api/v1/customers/${pick(i)}/consents/newsletter`),
          },
          {
            name: `GET decision, the API's own port (c=${concurrency})`,
            op: (i) => apiDoor("GET", `/api/v1/customers/${pick(i)}/consents/newsletter`),
          },
          {
            name: `GET decision, bare, same statement + logs (c=${concurrency})`,
            op: (i) => baseline("GET", `/full/${pick(i)}/newsletter`),
          },
          {
            name: `GET decision, bare http + postgres.js, same reads (c=${concurrency})`,
            op: (i) => baseline("GET", `/read/${pick(i)}/newsletter`),
          },
        ],
        { iterations: options.iterations, concurrency, rounds: 3, warmup: 200 },
      );
      samples.push(api, own, read, full);
      const rate = (s: Sample) => summarise(s).throughput;
      const ratio = (a: Sample, b: Sample) => (rate(a) / rate(b)).toFixed(2);
      ratios.push(
        `c=${concurrency}: bare reads ${rate(read).toFixed(0)}/s, bare same statement ${rate(full).toFixed(0)}/s · ` +
          `API port ${rate(own).toFixed(0)}/s (ratio ${ratio(own, read)} / ${ratio(own, full)}) · ` +
          `app's port ${rate(api).toFixed(0)}/s (ratio ${ratio(api, read)} / ${ratio(api, full)})`,
      );
    }

    const audiences = Array.from({ length: 20 }, (_, k) =>
      JSON.stringify({
        purpose: "newsletter",
        channel: "email",
        customers: Array.from({ length: BULK_SIZE }, (_, i) => pick(k * BULK_SIZE + i)),
      }),
    );
    // Both doors in turns, over the same audiences (see measureInTurns).
    const bulkChecks = await measureInTurns(
      (
        [
          ["the app's port", next],
          ["the API's own port", apiDoor],
        ] as const
      ).map(([door, post]) => ({
        name: `POST bulk check, ${BULK_SIZE.toLocaleString("en")} customers, ${door} (c=1)`,
        op: (i: number) => post("POST", "/api/v1/consent-checks", audiences[Math.abs(i) % audiences.length]),
      })),
      { iterations: 40, concurrency: 1, rounds: 4, warmup: 3 },
    );
    samples.push(...bulkChecks);

    const at = new Date(Date.now() - 60_000).toISOString();
    const batches = Array.from({ length: 20 }, (_, k) =>
      JSON.stringify({
        events: Array.from({ length: EVENT_BATCH }, (_, i) => ({
          channel: "web",
          type: "page_view",
          customer: pick(k * EVENT_BATCH + i * 31),
          purpose: "newsletter",
          occurredAt: at,
          properties: { page: `/p/${i % 50}` },
        })),
      }),
    );
    const eventRates: string[] = [];
    for (const concurrency of [1, 4]) {
      const sample = await measure(
        `POST events, batches of ${EVENT_BATCH.toLocaleString("en")} (c=${concurrency})`,
        { iterations: 60, concurrency, warmup: 3 },
        (i) => next("POST", "/api/v1/events", batches[Math.abs(i) % batches.length]),
      );
      samples.push(sample);
      eventRates.push(`c=${concurrency}: ${(summarise(sample).throughput * EVENT_BATCH).toFixed(0)} events/s`);
    }
    console.log(`\ndecision API throughput (ratio to bare reads / to bare same statement):\n  ${ratios.join("\n  ")}`);
    console.log(`event ingestion: ${eventRates.join(" · ")}\n`);
    return samples;
  } finally {
    agent.destroy();
    bare.stop();
    await server.stop();
  }
}

/** One keep-alive HTTP client; anything but 200 is an error. Returns the body. */
function httpClient(agent: Agent, baseURL: string, headers: Record<string, string>) {
  const url = new URL(baseURL);
  return (method: "GET" | "POST", pathname: string, body?: string) =>
    new Promise<string>((resolve, reject) => {
      const req = request(
        {
          agent,
          host: url.hostname,
          port: url.port,
          method,
          path: pathname,
          headers: body
            ? { ...headers, "content-type": "application/json", "content-length": Buffer.byteLength(body) }
            : headers,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (chunk: Buffer) => chunks.push(chunk));
          res.on("end", () => {
            const text = Buffer.concat(chunks).toString("utf8");
            if (res.statusCode !== 200)
              reject(new Error(`${method} ${pathname}: ${res.statusCode} ${text.slice(0, 200)}`));
            else resolve(text);
          });
          res.on("error", reject);
        },
      );
      req.on("error", reject);
      req.end(body);
    });
}

async function startBareServer(databaseUrl: string | undefined) {
  if (!databaseUrl) throw new Error("the bare baseline server needs PostgreSQL (BENCH_DATABASE_URL)");
  const port = await freePort();
  const child = spawn(process.execPath, [path.resolve("bench/bare-decision-server.mjs")], {
    env: { ...process.env, PORT: String(port), DATABASE_URL: databaseUrl },
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("bare decision server")) resolve();
    });
    child.once("exit", (code) => reject(new Error(`bare server exited (${code})`)));
  });
  return { baseURL: `http://127.0.0.1:${port}`, stop: () => child.kill("SIGTERM") };
}
