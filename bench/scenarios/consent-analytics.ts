import { sql, type SQL } from "drizzle-orm";
import { getDb, type Db } from "@/db";
import { rowsOf } from "@/db/rows-of";
import { users, type ConsentAction, type Purpose } from "@/db/schema";
import { actorForUser, type StaffActor } from "@/lib/auth/actor";
import { readConsentOverview, readPurposeAnalytics, addDays, SERIES_DAYS } from "@/lib/analytics/consent-analytics";
import { honouredFrom, toCategoryCounts } from "@/lib/analytics/consent-categories";
import { readCurrentAnswers, readCustomerTotals } from "@/lib/analytics/read-rollups";
import { readTransparencyReport } from "@/lib/analytics/transparency-report";
import { osloDay } from "@/lib/requests/due-date";
import { measure, summarise, type Sample } from "../stats";

// The product team's consent analytics and the public transparency report at scale: the
// dashboard's readers (rollups) against the same figures computed from the raw consent
// log, which is what the rollups exist to avoid.

const PREFIX = "ca-";
const SPAN_DAYS = 730;
/** When version 2 of personalised offers replaced version 1 (material: agreeing to 1 no longer counts). */
const V2_DAYS_AGO = 180;
const BATCH = 25_000;
const RAW_ITERATIONS = 3;
/** The purpose the one-purpose detail is measured on: two versions, so re-consents and the before/after figures. */
const DETAIL_PURPOSE = "personalised_offers";

// Share of events per purpose (percent): the legitimate-interest purpose sees the fewest
// answers, since customers only object there.
const PURPOSE_WEIGHTS = [
  ["newsletter", 27],
  ["personalised_offers", 24],
  ["order_sms", 18],
  ["product_analytics", 16],
  ["delivery_partner_sharing", 13],
  ["service_surveys", 2],
] as const;
const LIFETIME_PURPOSES = ["order_sms", "personalised_offers"];
const REASONS = ["too_many_messages", "not_relevant", "privacy_concern", "did_not_know", "other"];

type Row = Record<string, unknown>;
async function query<T extends Row>(db: Db, statement: SQL): Promise<T[]> {
  return rowsOf<T>(await db.execute(statement));
}

/** A uniform number in [0, 1) from a bigint expression: the same customer gets the same data on every run. */
function unit(x: SQL): SQL {
  return sql`((hashint8(${x}) & 2147483647) / 2147483648::float8)`;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

async function seedAnchor(db: Db, existing: number): Promise<Date> {
  if (existing > 0) {
    const [row] = await query<{ at: string | Date }>(
      db,
      sql`select published_at + make_interval(days => ${V2_DAYS_AGO}) as at from purposes where key = ${DETAIL_PURPOSE} and version = 2`,
    );
    return new Date(row!.at);
  }
  const anchor = new Date();
  const iso = (daysAgo: number) => new Date(anchor.getTime() - daysAgo * 86_400_000).toISOString();
  // The demo purposes exist from before the first bench customer; version 2 of personalised
  // offers replaced version 1 half a year ago.
  const since = iso(SPAN_DAYS + 10);
  const v2 = iso(V2_DAYS_AGO);
  await db.execute(
    sql`update purposes set published_at = ${since} where status = 'published' and key <> ${DETAIL_PURPOSE}`,
  );
  await db.execute(sql`update purposes set published_at = ${v2} where key = ${DETAIL_PURPOSE} and version = 2`);
  await db.execute(
    sql`update purposes set published_at = ${since}, retired_at = ${v2} where key = ${DETAIL_PURPOSE} and version = 1`,
  );
  return anchor;
}

/**
 * One batch of customers g in [from, to] with their consent log, states and some anonymous
 * withdrawal reasons. Each customer joins at some point in the last two years and answers
 * `events` times from then to now, each answer about a purpose drawn by weight: per customer
 * and purpose the answers alternate (most start with a grant, a third with a decline; on the
 * legitimate-interest purpose objections come and go), a withdrawal is sometimes a lapse
 * instead (purposes with a consent lifetime), and a customer who agreed to version 1 of
 * personalised offers often agrees again to version 2 when next asked.
 */
async function seedBatch(db: Db, options: { from: number; to: number; events: number; anchor: Date }) {
  const { from, to, events, anchor } = options;
  const start = new Date(anchor.getTime() - SPAN_DAYS * 86_400_000).toISOString();
  const v2 = new Date(anchor.getTime() - V2_DAYS_AGO * 86_400_000).toISOString();
  const now = anchor.toISOString();
  const joined = sql`(${start}::timestamptz + ${unit(sql`g::bigint * 1024 + 1023`)} * interval '700 days')`;
  const weights = sql.raw(
    `case ${PURPOSE_WEIGHTS.map(
      (_, i) => `when b < ${PURPOSE_WEIGHTS.slice(0, i + 1).reduce((sum, [, w]) => sum + w, 0)} then ${i + 1}`,
    ).join(" ")} end`,
  );
  const keys = sql.raw(`array[${PURPOSE_WEIGHTS.map(([k]) => `'${k}'`).join(",")}]`);
  const lifetime = sql.raw(`array[${LIFETIME_PURPOSES.map((k) => `'${k}'`).join(",")}]`);
  const reasons = sql.raw(`array[${REASONS.map((r) => `'${r}'`).join(",")}]`);
  await db.transaction(async (tx) => {
    // Triggers off for this transaction only (the rollup triggers and the foreign-key
    // checks): the rows are consistent by construction, and the rollups are rebuilt after.
    await tx.execute(sql`set local session_replication_role = replica`);
    await tx.execute(sql`
      insert into users (id, email, name, role, created_at)
      select ${PREFIX} || g, 'ca' || g || '@example.invalid', 'Analytics ' || g, 'customer', ${joined}
      from generate_series(${from}::int, ${to}::int) g`);
    await tx.execute(sql`
      insert into customers (id, given_name, family_name, locale, created_at, updated_at)
      select ${PREFIX} || g, 'Analytics', 'Bench ' || g, case when g % 3 = 0 then 'en' else 'nb' end, ${joined}, ${joined}
      from generate_series(${from}::int, ${to}::int) g`);
    await tx.execute(sql`
      with drawn as (
        select g, e, b, joined + (${now}::timestamptz - joined) * ((e - 1 + r0) / ${events}) as at, r2, r3, r4, r5
        from (
          select g, e, ${joined} as joined, floor(${unit(sql`g::bigint * 1024 + e * 8`)} * 100) as b,
                 ${unit(sql`g::bigint * 1024 + e * 8 + 1`)} as r0, ${unit(sql`g::bigint * 1024 + e * 8 + 2`)} as r2,
                 ${unit(sql`g::bigint * 1024 + e * 8 + 3`)} as r3, ${unit(sql`g::bigint * 1024 + e * 8 + 4`)} as r4,
                 ${unit(sql`g::bigint * 1024 + e * 8 + 5`)} as r5
          from generate_series(${from}::int, ${to}::int) g, generate_series(1, ${events}::int) e
        ) s
      ), keyed as (
        select g, e, at, r2, r3, r4, r5, p, (${keys})[p] as purpose,
               case when (${keys})[p] = ${DETAIL_PURPOSE} and at >= ${v2}::timestamptz then 2 else 1 end as version
        from (select *, ${weights} as p from drawn) d
      ), chained as (
        select *, row_number() over w - 1 as n, lag(version) over w as prev_version,
               (${unit(sql`g::bigint * 1024 + 1000 + p`)} < 0.35)::int as declined_first
        from keyed
        window w as (partition by g, purpose order by e)
      ), acted as (
        select *, case
            when purpose = 'service_surveys' then case when n % 2 = 0 then 'objected' else 'objection_withdrawn' end
            when (n + declined_first) % 2 = 0 then 'granted'
            when version = 2 and prev_version = 1 and r2 < 0.6 then 'granted'
            when purpose = any(${lifetime}) and r2 > 0.85 then 'expired'
            else 'withdrawn'
          end as action
        from chained
      ), events as (
        insert into consent_events
          (customer_id, purpose_key, purpose_version, action, occurred_at, source_channel, locale, shown_text, method, expires_at)
        select ${PREFIX} || g, purpose, version, action, at,
               case when action = 'expired' then 'system' else (array['web','app','email','store'])[1 + floor(r5 * 4)::int] end,
               case when g % 3 = 0 then 'en' else 'nb' end, '{}'::jsonb,
               case when action = 'expired' then 'expiry'
                    when action = 'granted' and version = 2 and prev_version = 1 then 'reconsent_prompt'
                    else 'switch' end,
               case when action = 'granted' and purpose = any(${lifetime}) then at + interval '730 days' end
        from acted
        order by g, e
        returning id, customer_id, purpose_key, purpose_version, action, occurred_at, expires_at
      ), reasons as (
        insert into withdrawal_reasons (purpose_key, reason, recorded_on)
        select purpose, (${reasons})[1 + floor(r4 * 5)::int], oslo_day(at)
        from acted where action = 'withdrawn' and r3 < 0.2
      )
      insert into consent_states
        (customer_id, purpose_key, purpose_version, granted, last_action, expires_at, last_event_id, updated_at)
      select distinct on (customer_id, purpose_key)
             customer_id, purpose_key, purpose_version, action in ('granted', 'objection_withdrawn'), action,
             expires_at, id, occurred_at
      from events
      order by customer_id, purpose_key, id desc`);
  });
}

/** Seeds up to `customers` bench customers (kept between runs), then brings the rollups up to date. */
async function seedConsentAnalytics(db: Db, options: { customers: number; events: number }) {
  const t0 = performance.now();
  const [{ n: existing } = { n: 0 }] = await query<{ n: number }>(
    db,
    sql`select count(*)::int as n from customers where id like ${`${PREFIX}%`}`,
  );
  const anchor = await seedAnchor(db, existing);
  for (let from = existing; from < options.customers; from += BATCH) {
    const to = Math.min(from + BATCH, options.customers) - 1;
    await seedBatch(db, { from, to, events: options.events, anchor });
    process.stdout.write(`\r  seeded ${to + 1}/${options.customers} analytics customers`);
  }
  const added = Math.max(options.customers - existing, 0);
  if (added > 0) process.stdout.write("\n");
  const loaded = performance.now();

  // A run that stopped between loading and rebuilding left the rollups behind the rows.
  const [check] = await query<{ states: number; counted: number }>(
    db,
    sql`select (select count(*) from consent_states)::bigint as states,
               (select coalesce(sum(customers), 0) from consent_rollup_current)::bigint as counted`,
  );
  let rebuiltMs = 0;
  if (added > 0 || Number(check!.states) !== Number(check!.counted)) {
    const r0 = performance.now();
    await db.execute(sql`select analytics_rollups_rebuild()`);
    await db.execute(sql`analyze`);
    rebuiltMs = performance.now() - r0;
  }
  const [size] = await query<{ customers: number; events: number }>(
    db,
    sql`select (select count(*) from customers)::int as customers,
               (select count(*) from consent_events)::bigint as events`,
  );
  console.log(
    `consent analytics: ${size!.customers} customers, ${Number(size!.events)} consent events ` +
      (added > 0 || rebuiltMs > 0
        ? `(${added} customers added, ${options.events} events each: load ${seconds(loaded - t0)}, rollup rebuild + analyze ${seconds(rebuiltMs)})`
        : "(seeded before)"),
  );
}

type Answers = Map<string, number>;
const answerKey = (purposeKey: string, version: number, action: string) => `${purposeKey}:${version}:${action}`;

/** "Now" from the raw log: each customer's last event per purpose, counted by version and action. */
async function rawCurrentAnswers(db: Db): Promise<{ answers: Answers; customers: number }> {
  const [rows, [total]] = await Promise.all([
    query<{ purpose_key: string; purpose_version: number; action: string; customers: number }>(
      db,
      sql`select purpose_key, purpose_version, action, count(*)::int as customers
          from (
            select distinct on (customer_id, purpose_key) purpose_key, purpose_version, action
            from consent_events order by customer_id, purpose_key, id desc
          ) last
          group by 1, 2, 3`,
    ),
    query<{ n: number }>(db, sql`select count(*)::int as n from customers`),
  ]);
  return {
    answers: new Map(rows.map((r) => [answerKey(r.purpose_key, r.purpose_version, r.action), r.customers])),
    customers: total!.n,
  };
}

/**
 * One purpose's state at the end of each day from the raw log: every event moves its customer
 * into its (version, action) and out of their previous one; a running sum per (version,
 * action) is the state. Customers per day from when they joined.
 */
async function rawDailyStates(
  db: Db,
  purposeKey: string,
  days: string[],
): Promise<Map<string, { total: number; answers: Map<string, number> }>> {
  const [moves, joins] = await Promise.all([
    query<{ day: string | Date; version: number; action: string; net: number }>(
      db,
      sql`with ev as (
            select oslo_day(occurred_at) as day, purpose_version, action,
                   lag(purpose_version) over w as prev_version, lag(action) over w as prev_action
            from consent_events where purpose_key = ${purposeKey}
            window w as (partition by customer_id order by id)
          ), moves as (
            select day, purpose_version as version, action, 1 as delta from ev
            union all
            select day, prev_version, prev_action, -1 from ev where prev_action is not null
          )
          select day::text as day, version, action, sum(delta)::int as net from moves group by 1, 2, 3 order by 1`,
    ),
    query<{ day: string; n: number }>(
      db,
      sql`select oslo_day(created_at)::text as day, count(*)::int as n from customers group by 1 order by 1`,
    ),
  ]);
  const states = new Map<string, { total: number; answers: Map<string, number> }>();
  const answers = new Map<string, number>();
  let total = 0;
  let m = 0;
  let j = 0;
  for (const day of days) {
    for (; m < moves.length && String(moves[m]!.day) <= day; m++) {
      const k = `${moves[m]!.version}:${moves[m]!.action}`;
      answers.set(k, (answers.get(k) ?? 0) + moves[m]!.net);
    }
    for (; j < joins.length && joins[j]!.day <= day; j++) total += joins[j]!.n;
    states.set(day, { total, answers: new Map(answers) });
  }
  return states;
}

async function benchActor(db: Db): Promise<StaffActor> {
  await db
    .insert(users)
    .values({ id: "bench-product", email: "bench-product@example.invalid", role: "product" })
    .onConflictDoNothing();
  return actorForUser({ id: "bench-product", role: "product" }) as StaffActor;
}

function inForceOn(versions: Purpose[], day: string): Purpose | null {
  return (
    versions.find(
      (v) =>
        v.publishedAt !== null && osloDay(v.publishedAt) <= day && (v.retiredAt === null || osloDay(v.retiredAt) > day),
    ) ?? null
  );
}

/** Checks that the raw scan gives the figures the rollups give, so the comparison is of equals. */
async function checkEqual(db: Db, actor: StaffActor): Promise<boolean> {
  const [rollup, totals, raw] = await Promise.all([
    readCurrentAnswers(db),
    readCustomerTotals(db, "9999-12-31"),
    rawCurrentAnswers(db),
  ]);
  const fromRollup = new Map(
    rollup.filter((r) => r.customers !== 0).map((r) => [answerKey(r.purposeKey, r.version, r.action), r.customers]),
  );
  const nowDiffs = [...new Set([...fromRollup.keys(), ...raw.answers.keys()])].filter(
    (k) => fromRollup.get(k) !== raw.answers.get(k),
  );
  const nowOk = nowDiffs.length === 0 && totals.total === raw.customers;
  console.log(
    nowOk
      ? `check: raw scan's "now" equals the rollup's: ${fromRollup.size} (purpose, version, last action) groups, ${raw.customers} customers`
      : `check FAILED: "now" differs for ${nowDiffs.join(", ") || "the customer total"} (rollup ${totals.total} customers, raw ${raw.customers})`,
  );

  const detail = await readPurposeAnalytics(actor, { purposeKey: DETAIL_PURPOSE, locale: "nb" });
  const versions = await db.query.purposes.findMany({ where: (p, { eq }) => eq(p.key, DETAIL_PURPOSE) });
  versions.sort((a, b) => b.version - a.version);
  const checkpoints = detail.versions.flatMap((v) => [
    { day: v.before.day, cell: v.before.granted },
    { day: v.after.day, cell: v.after.granted },
  ]);
  const points = [
    ...detail.series.flatMap((point) => point.cells.map((cell) => ({ day: point.day, cell }))),
    ...checkpoints,
  ];
  const states = await rawDailyStates(db, DETAIL_PURPOSE, [...new Set(points.map((p) => p.day))].sort());
  let cells = 0;
  const diffs: string[] = [];
  for (const { day, cell } of points) {
    if (cell === null || cell.count === null) continue;
    const state = states.get(day)!;
    const version = inForceOn(versions, day);
    const counts = toCategoryCounts({
      legalBasis: detail.legalBasis,
      floor: version ? honouredFrom(version) : null,
      total: state.total,
      answers: [...state.answers].map(([k, customers]) => {
        const [v, action] = k.split(":") as [string, ConsentAction];
        return { version: Number(v), action, customers };
      }),
    });
    cells++;
    if (cell.count !== counts[cell.category]) diffs.push(`${day} ${cell.category}`);
  }
  const seriesOk = diffs.length === 0 && cells > 0;
  console.log(
    seriesOk
      ? `check: raw scan's ${SERIES_DAYS}-day series and before/after each version of ${DETAIL_PURPOSE} equal the rollup's (${cells} figures)`
      : `check FAILED: ${DETAIL_PURPOSE}'s series or versions differ (${cells} figures compared) at ${diffs.slice(0, 5).join(", ")}`,
  );
  return nowOk && seriesOk;
}

export async function consentAnalytics(options: {
  customers: number;
  eventsPerCustomer: number;
  iterations: number;
  concurrencies: number[];
}): Promise<Sample[]> {
  if (options.eventsPerCustomer < 1 || options.eventsPerCustomer > 100) {
    throw new Error("consent-analytics takes --events from 1 to 100 per customer");
  }
  const db = await getDb();
  await seedConsentAnalytics(db, { customers: options.customers, events: options.eventsPerCustomer });
  const actor = await benchActor(db);

  const queries = {
    "consent overview": () => readConsentOverview(actor, "nb"),
    [`purpose analytics (${DETAIL_PURPOSE})`]: () =>
      readPurposeAnalytics(actor, { purposeKey: DETAIL_PURPOSE, locale: "nb" }),
    "transparency report": () => readTransparencyReport("nb"),
  };
  const samples: Sample[] = [];
  for (const [name, op] of Object.entries(queries)) {
    for (const concurrency of options.concurrencies) {
      samples.push(
        await measure(`${name} (c=${concurrency})`, { iterations: options.iterations, concurrency, warmup: 10 }, op),
      );
    }
  }

  const today = osloDay(new Date());
  const seriesDays = Array.from({ length: SERIES_DAYS }, (_, i) => addDays(today, i - (SERIES_DAYS - 1)));
  const rawOverview = await measure("raw scan: overview", { iterations: RAW_ITERATIONS, concurrency: 1 }, () =>
    rawCurrentAnswers(db),
  );
  const rawDetail = await measure(
    `raw scan: ${DETAIL_PURPOSE} (now + ${SERIES_DAYS} days)`,
    { iterations: RAW_ITERATIONS, concurrency: 1 },
    () => rawDailyStates(db, DETAIL_PURPOSE, seriesDays),
  );
  samples.push(rawOverview, rawDetail);

  const p50 = (s: Sample) => summarise(s).p50;
  // The rollup side at the lowest concurrency measured, as the raw scans run one at a time.
  const lowest = Math.min(...options.concurrencies);
  const single = (prefix: string) => samples.find((s) => s.name.startsWith(prefix) && s.name.endsWith(`(c=${lowest})`));
  const overview = single("consent overview");
  const detail = single("purpose analytics");
  if (overview && detail) {
    for (const [label, fast, slow] of [
      ["overview", overview, rawOverview],
      [`one purpose (${DETAIL_PURPOSE})`, detail, rawDetail],
    ] as const) {
      console.log(
        `rollup vs raw scan, ${label}: ${p50(fast).toFixed(1)} ms vs ${p50(slow).toFixed(0)} ms (p50, c=${lowest}): ` +
          `${Math.round(p50(slow) / p50(fast)).toLocaleString("en")}× faster`,
      );
    }
  }
  if (!(await checkEqual(db, actor))) process.exitCode = 1;
  console.log("");
  return samples;
}
