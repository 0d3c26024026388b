import "server-only";
import { and, eq, inArray, or, sql, type SQL } from "drizzle-orm";
import { getDb, type Executor } from "@/db";
import { prebuiltStatement } from "@/db/prebuilt-statement";
import {
  communicationPreferences,
  consentEvents,
  consentStates,
  customers,
  dataSubjectRequests,
  erasedReferences,
  purposes,
  type CommunicationChannel,
  type Purpose,
} from "@/db/schema";
import type { Actor, ApiClientActor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/permissions";
import { evaluateConsent } from "@/lib/consent/effective-consent";
import { restrictedSinceColumn, restrictionInForceOn } from "@/lib/consent/restriction";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { decideContact } from "@/lib/preferences/may-contact";
import { consentReason, decisionReasons, type DecisionReason } from "./decision-reasons";
import type { CustomerReference } from "./customer-reference";
import { erasedReferenceHash } from "@/lib/outbox/enqueue-webhook-event";
import { apiClientInForce } from "./authenticate-api-client";
import { apiCallInsert, recordApiCall } from "./record-api-call";
import { apiReadsInsert } from "./record-api-reads";
import { arrayLiteral } from "./sql-array";
import { groupedCalls, type GroupedCalls } from "./grouped-calls";

export { decisionReasons, type DecisionReason };

export type ConsentDecision = {
  customer: string;
  decision: "allow" | "deny";
  reason: DecisionReason;
  /** For a consent in force: the version the customer agreed to (older than the purpose's while they have not answered the new one). */
  consentVersion: number | null;
  /**
   * When the customer's last choice about this purpose was made (null: never asked, or not
   * theirs to make). One customer only: a bulk answer shows no dates, so it is null there.
   */
  since: Date | null;
  expiresAt: Date | null;
  /** Agreed to an older version: use follows that version until they answer. */
  needsReconsent: boolean;
};

export type ConsentCheck = {
  purpose: { key: string; version: number };
  channel: CommunicationChannel | null;
  checkedAt: Date;
  results: ConsentDecision[];
};

/**
 * "May purpose P use these customers' data (through channel X) now?" for an API client:
 * one customer (`consent.read`) or a campaign audience (`consent.check.bulk`). The answer
 * comes from `evaluateConsent` and `decideContact`, the rules the portal and the newsletter
 * sender use. Each customer found gets a system access in their access log, in the same
 * transaction as the read.
 */
export async function checkConsent(
  actor: Actor | null,
  input: {
    purposeKey: string;
    channel?: CommunicationChannel | null;
    references: readonly CustomerReference[];
    mode: "one" | "bulk";
    now?: Date;
  },
): Promise<ConsentCheck> {
  const scope = input.mode === "one" ? "consent.read" : "consent.check.bulk";
  assertCan(actor, scope);
  if (actor.kind !== "api_client") throw new AppError("forbidden");
  const client: ApiClientActor = actor;
  const now = input.now ?? new Date();
  const channel = input.channel ?? null;
  const db = await getDb();
  const one = input.mode === "one" ? input.references[0] : undefined;
  const { versions, found } = one
    ? await oneChecks().call({ client, purposeKey: input.purposeKey, channel, reference: one })
    : await readSubjectsAndLog(db, client, {
        purposeKey: input.purposeKey,
        references: input.references,
        channel,
        mode: "bulk",
      });
  const current = versions.find((v) => v.status === "published");
  if (!current) throw new AppError("not_found", { messageKey: "purposeNotFound" });
  const byNumber = new Map<number, SubjectRow>();
  const byPseudonym = new Map<string, SubjectRow>();
  for (const row of found) {
    if (row.customerNumber !== null) byNumber.set(row.customerNumber, row);
    if (row.pseudonymousId !== null) byPseudonym.set(row.pseudonymousId, row);
  }
  const rowOf = (ref: CustomerReference) =>
    ref.kind === "number" ? byNumber.get(ref.value) : byPseudonym.get(ref.value);
  // The references nobody answers to: erased, or never ours? Read only for those, after the
  // statement (whose snapshot may predate an erasure it waited on: this read sees it).
  const erased = await readErased(
    db,
    input.references.filter((ref) => !rowOf(ref)),
  );
  if (one && found.length === 0) {
    if (erased.size === 0) throw new AppError("not_found", { messageKey: "customerNotFound" });
    // "Erased" is an answer: an answered call, though nobody was read.
    await recordApiCall(db, client, { scope, operation: "checkConsent", status: 200 });
  }

  const channelsOf = new Map(versions.map((v) => [v.version, v.channels]));
  const results = input.references.map((ref): ConsentDecision => {
    const row = rowOf(ref);
    if (!row) {
      const reason = erased.has(erasedHashOf(ref)) ? "erased" : "unknown_customer";
      return {
        customer: ref.given,
        decision: "deny",
        reason,
        consentVersion: null,
        since: null,
        expiresAt: null,
        needsReconsent: false,
      };
    }
    return decide(ref.given, current, row, { channel, channelsOf, now, withSince: one !== undefined });
  });
  return { purpose: { key: input.purposeKey, version: current.version }, channel, checkedAt: now, results };
}

/** One customer's check, waiting to be answered with others like it (see oneChecks). */
type OneCheck = {
  client: ApiClientActor;
  purposeKey: string;
  channel: CommunicationChannel | null;
  reference: CustomerReference;
};

type Subjects = { versions: PurposeVersion[]; found: SubjectRow[] };

/**
 * Checks of one customer, grouped (`groupedCalls`): for each client, token, purpose, channel
 * and kind of reference at most TILLIT_API_CHECKS_IN_FLIGHT statements at once (8 in all),
 * and the checks of that key arriving meanwhile answered by its next one — the same reads, one row per call in
 * `api_calls`, one `system_reads` row naming each customer once (a customer asked about twice
 * waits for the next statement, so each read stays in their access log). Their log is still
 * committed before any of them is answered. Per module instance, so per door (Next's route and
 * the API's own port each load this file).
 */
let grouped: GroupedCalls<OneCheck, Subjects> | undefined;

function oneChecks(): GroupedCalls<OneCheck, Subjects> {
  grouped ??= groupedCalls<OneCheck, Subjects>({
    inFlight: env().TILLIT_API_CHECKS_IN_FLIGHT,
    maxInFlight: ONE_CHECKS_IN_FLIGHT_IN_ALL,
    maxGroup: ONE_CHECKS_PER_STATEMENT,
    slowAfterMs: ONE_CHECK_SLOW_AFTER_MS,
    keyOf: (check) =>
      [check.client.clientId, check.client.tokenHash, check.purposeKey, check.channel, check.reference.kind].join(" "),
    itemOf: (check) => String(check.reference.value),
    run: async (checks) => {
      const [first] = checks;
      const { versions, found } = await readSubjectsAndLog(await getDb(), first!.client, {
        purposeKey: first!.purposeKey,
        channel: first!.channel,
        references: checks.map((check) => check.reference),
        mode: checks.length === 1 ? "one" : "calls",
      });
      const byValue = new Map(found.map((row) => [String(row.customerNumber ?? row.pseudonymousId), row]));
      return checks.map((check) => {
        const row = byValue.get(String(check.reference.value));
        return { versions, found: row ? [row] : [] };
      });
    },
  });
  return grouped;
}

/** Enough to keep a statement's reads short; under load, groups stay far below it. */
const ONE_CHECKS_PER_STATEMENT = 100;
/** Over all keys (clients, purposes…): below the default pool of 10, which the app's pages share. */
const ONE_CHECKS_IN_FLIGHT_IN_ALL = 8;
/**
 * A statement this slow is waiting, most likely on one customer's row lock (her erasure or a
 * profile write holds it `FOR UPDATE`): it stops holding back the checks behind it.
 */
const ONE_CHECK_SLOW_AFTER_MS = 50;

type SubjectRow = {
  /** Each null unless a reference of its kind was given. */
  customerNumber: number | null;
  pseudonymousId: string | null;
  state: {
    purposeVersion: number;
    granted: boolean;
    expiresAt: Date | null;
    lastEventId: number;
    /** As read: made a Date only for an answer that shows it (one customer). */
    updatedAt: string | Date | null;
  } | null;
  gpc: boolean | null;
  restrictedSince: Date | null;
  channelAllowed: boolean | null;
};

/** What a decision needs of each version of the purpose. */
type PurposeVersion = Pick<Purpose, "key" | "version" | "status" | "legalBasis" | "materialVersion" | "channels">;

type RawRow = {
  meta: boolean;
  client_in_force: boolean | null;
  versions: string | null;
  customer_number: string | number | null;
  pseudonymous_id: string | null;
  purpose_version: number | null;
  granted: boolean | null;
  expires_at: string | Date | null;
  last_event_id: string | number | null;
  updated_at: string | Date | null;
  gpc: boolean | null;
  restricted_since: string | Date | null;
  channel_allowed: boolean | null;
};

/**
 * The customers named, with their state for this purpose, and the log of this read: their
 * system access and the client's call, in ONE statement (data-modifying CTEs), so the read
 * and its record share a transaction without BEGIN and COMMIT round trips, the decision
 * API's hottest path. A check of one customer who is not found logs no call here: the
 * caller logs it as answered (erased) or the route as a 404.
 */
async function readSubjectsAndLog(
  db: Executor,
  client: ApiClientActor,
  input: {
    purposeKey: string;
    references: readonly CustomerReference[];
    channel: CommunicationChannel | null;
    mode: StatementShape["mode"];
  },
): Promise<Subjects> {
  const numbers = input.references.filter((r) => r.kind === "number").map((r) => r.value);
  const pseudonyms = input.references.filter((r) => r.kind === "pseudonym").map((r) => r.value);
  const shape: StatementShape = {
    mode: input.mode,
    numbers: numbers.length > 0,
    pseudonyms: pseudonyms.length > 0,
    channel: input.channel !== null,
  };
  const key = `${shape.mode}${shape.numbers}${shape.pseudonyms}${shape.channel}`;
  let statement = subjectStatements.get(key);
  if (!statement) {
    statement = prebuiltStatement<RawRow>(() => subjectStatement(shape));
    subjectStatements.set(key, statement);
  }
  const rows = await statement(db, {
    purposeKey: input.purposeKey,
    numbers: arrayLiteral(numbers),
    pseudonyms: arrayLiteral(pseudonyms),
    number: numbers[0] ?? null,
    pseudonym: pseudonyms[0] ?? null,
    channel: input.channel ?? "email",
    clientId: client.clientId,
    tokenHash: client.tokenHash,
  });
  // Told apart by a column, not by their order.
  const meta = rows.find((row) => row.meta);
  if (meta?.client_in_force !== true) throw new AppError("unauthenticated");
  const subjects = rows.filter((row) => !row.meta);
  const date = (value: string | Date | null) => (value === null ? null : new Date(value));
  const found = subjects.map((row): SubjectRow => ({
    customerNumber: row.customer_number === null ? null : Number(row.customer_number),
    pseudonymousId: row.pseudonymous_id,
    state:
      // A state without an event behind it is no choice (as evaluateConsent reads it).
      row.purpose_version === null || row.last_event_id === null
        ? null
        : {
            purposeVersion: row.purpose_version,
            granted: row.granted === true,
            expiresAt: date(row.expires_at),
            lastEventId: Number(row.last_event_id),
            updatedAt: row.updated_at!,
          },
    gpc: row.gpc,
    restrictedSince: date(row.restricted_since),
    channelAllowed: row.channel_allowed,
  }));
  const versions = (JSON.parse(meta?.versions ?? "[]") as Omit<PurposeVersion, "key">[]).map((v) => ({
    ...v,
    key: input.purposeKey,
  }));
  return { versions, found };
}

/**
 * What the statement's text depends on; everything else is a placeholder's value. `one`: a
 * check of one customer; `calls`: several such checks answered by one statement (see
 * oneChecks), each logged as its own call; `bulk`: one check of many customers.
 */
type StatementShape = { mode: "one" | "calls" | "bulk"; numbers: boolean; pseudonyms: boolean; channel: boolean };

/** Each shape's statement, rendered once (at most 24: the shape's mode and three flags). */
const subjectStatements = new Map<string, (db: Executor, values: Record<string, unknown>) => Promise<RawRow[]>>();

function subjectStatement(shape: StatementShape): SQL {
  const purposeKey = sql.placeholder("purposeKey");
  const inUse = sql`exists (select 1 from purpose_version where status = 'published')`;
  // One customer by a scalar: PostgreSQL then plans the statement once per connection (a
  // generic plan estimated at one row); compared with an array of unknown length it would
  // plan it afresh on every call, which costs more than running it.
  const named =
    shape.mode === "one"
      ? shape.numbers
        ? sql`${customers.customerNumber} = ${sql.placeholder("number")}::bigint`
        : sql`${customers.pseudonymousId} = ${sql.placeholder("pseudonym")}::uuid`
      : (or(
          shape.numbers ? sql`${customers.customerNumber} = any(${sql.placeholder("numbers")}::bigint[])` : undefined,
          shape.pseudonyms
            ? sql`${customers.pseudonymousId} = any(${sql.placeholder("pseudonyms")}::uuid[])`
            : undefined,
        ) ?? sql`false`);
  const scope = shape.mode === "bulk" ? "consent.check.bulk" : "consent.read";
  const clientId = sql.placeholder("clientId");
  // The caller's token, proven here: no customer is read and nothing written without it (see defineApiRoute).
  const inForce = sql`exists (select 1 from client_in_force)`;
  const operation = shape.mode === "bulk" ? "checkConsentBulk" : "checkConsent";
  // The call's row: a check of one customer is logged here only when they were found (else
  // the caller logs it, as answered or as a 404); checks answered together, one row each.
  const loggedCall = {
    one: {
      customerId: sql`(select customer_id from subject limit 1)`,
      subjects: sql`1`,
      when: sql`exists (select 1 from subject)`,
    },
    calls: { customerId: sql`customer_id`, subjects: sql`1`, from: sql`subject`, when: sql`true` },
    bulk: { customerId: sql`null`, subjects: sql`(select count(*) from subject)`, when: sql`${inForce} and ${inUse}` },
  };
  return sql`
    with client_in_force as (${apiClientInForce({ clientId, tokenHash: sql.placeholder("tokenHash") }, scope)}),
    purpose_version as (
      select ${purposes.version} as version, ${purposes.status} as status, ${purposes.legalBasis} as "legalBasis",
        ${purposes.materialVersion} as "materialVersion", ${purposes.channels} as channels
      from ${purposes} where ${purposes.key} = ${purposeKey}
    ),
    subject as (
      -- Only what the answers use goes back: a reference kind nobody gave, or the time of the
      -- last choice for a bulk answer (which shows none), stays null (a bulk check reads MBs).
      select ${customers.id} as customer_id,
        ${shape.numbers ? customers.customerNumber : sql`null::bigint`} as customer_number,
        ${shape.pseudonyms ? customers.pseudonymousId : sql`null::uuid`} as pseudonymous_id,
        ${consentStates.purposeVersion} as purpose_version,
        ${consentStates.granted} as granted, ${consentStates.expiresAt} as expires_at,
        ${consentStates.lastEventId} as last_event_id,
        ${shape.mode === "bulk" ? sql`null::timestamptz` : consentStates.updatedAt} as updated_at,
        -- Whether the last choice came from Global Privacy Control: it names only a withdrawal
        -- or an objection (consentReason), so it is looked up for those alone.
        case when not ${consentStates.granted} then (
          select ${consentEvents.gpc} from ${consentEvents}
          where ${and(eq(consentEvents.id, consentStates.lastEventId), eq(consentEvents.customerId, customers.id))}
        ) end as gpc,
        ${restrictedSinceColumn} as restricted_since,
        ${shape.channel ? communicationPreferences.allowed : sql`null::boolean`} as channel_allowed
      from ${customers}
      left join ${consentStates}
        on ${and(eq(consentStates.customerId, customers.id), eq(consentStates.purposeKey, purposeKey))}
      -- At most one restriction in force per customer (a unique index): never multiplies rows.
      left join ${dataSubjectRequests} on ${restrictionInForceOn(customers.id)}
      ${
        shape.channel
          ? sql`left join ${communicationPreferences}
          on ${and(
            eq(communicationPreferences.customerId, customers.id),
            eq(communicationPreferences.channel, sql.placeholder("channel")),
            eq(communicationPreferences.topic, purposeKey),
          )}`
          : sql``
      }
      where ${inForce} and ${inUse} and (${named})
      -- Their read is logged in system_reads, which no foreign key guards: the lock keeps an
      -- erasure from finishing between this read and its log (it waits, or we skip them).
      for key share of ${customers}
    ),
    logged_reads as (${apiReadsInsert(
      { clientId, name: sql`(select name from client_in_force)` },
      purposeKey,
      sql`select customer_id from subject`,
    )}),
    logged_call as (${apiCallInsert({ clientId }, { scope, operation, status: 200 }, loggedCall[shape.mode])})
    -- The proof and the purpose's versions once, then one row per customer found.
    select true as meta, ${inForce} as client_in_force, (select json_agg(v)::text from purpose_version v) as versions,
      null as customer_number, null as pseudonymous_id, null as purpose_version,
      null as granted, null as expires_at, null as last_event_id, null as updated_at, null as gpc,
      null as restricted_since, null as channel_allowed
    union all
    select false, null, null, customer_number, pseudonymous_id, purpose_version, granted, expires_at,
      last_event_id, updated_at, gpc, restricted_since, channel_allowed
    from subject`;
}

function erasedHashOf(ref: CustomerReference): string {
  return erasedReferenceHash(ref.kind === "number" ? "n" : "p", ref.value);
}

/** Which of these references belonged to a customer who has been erased (kept as keyed pseudonyms only). */
async function readErased(db: Executor, references: readonly CustomerReference[]): Promise<Set<string>> {
  if (references.length === 0) return new Set();
  const rows = await db
    .select({ hash: erasedReferences.referenceHash })
    .from(erasedReferences)
    .where(inArray(erasedReferences.referenceHash, references.map(erasedHashOf)));
  return new Set(rows.map((row) => row.hash));
}

function decide(
  given: string,
  purpose: PurposeVersion,
  row: SubjectRow,
  context: { channel: CommunicationChannel | null; channelsOf: Map<number, string[]>; now: Date; withSince: boolean },
): ConsentDecision {
  const state = row.state;
  const consent = evaluateConsent(purpose, state, { restrictedSince: row.restrictedSince, now: context.now });
  const since =
    !context.withSince || !state || consent.legalBasis === "contract" || consent.legalBasis === "legal_obligation"
      ? null
      : new Date(state.updatedAt!);
  // One literal per answer, never a spread of shared facts (see evaluateConsent).
  const answer = (decision: ConsentDecision["decision"], reason: DecisionReason): ConsentDecision => ({
    customer: given,
    decision,
    reason,
    consentVersion: consent.consentVersion,
    since,
    expiresAt: consent.expiresAt,
    needsReconsent: consent.needsReconsent,
  });
  if (!consent.allowed) return answer("deny", consentReason(consent, row.gpc === true));
  const { channel } = context;
  if (channel) {
    if (!purpose.channels.includes(channel)) return answer("deny", "channel_not_offered");
    const contact = decideContact({
      consent,
      agreedChannels: consent.needsReconsent ? (context.channelsOf.get(consent.consentVersion ?? -1) ?? []) : null,
      channel,
      preference: row.channelAllowed ?? undefined,
    });
    if (!contact.allowed) {
      return answer(
        "deny",
        contact.blockedBy === "needs_reconsent" ? "channel_needs_reconsent" : "channel_switched_off",
      );
    }
  }
  return answer("allow", consentReason(consent, false));
}
