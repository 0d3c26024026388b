// The bench's baseline: node:http + postgres.js and nothing else, answering the decision
// API's question with the same indexed reads in one statement (GET /read/<customer
// number>/<purpose>), or with the same statement as the real route in its steady state
// (GET /full/…): one statement that proves the bearer token, reads the purpose and the
// customer (locked as the route locks them) and writes the read and call logs. Started by
// bench/scenarios/integration-api.ts.
import { createHash } from "node:crypto";
import { createServer } from "node:http";
import postgres from "postgres";

const sql = postgres(process.env.DATABASE_URL, { max: 10, onnotice: () => {} });
const port = Number(process.env.PORT);

// The customer's state for the purpose: the route's indexed reads (a fragment, used alone
// for /read and inside the one statement of /full).
const subject = (number, purpose) => sql`
  select c.id, s.granted, s.purpose_version, s.expires_at, s.updated_at, e.gpc,
         coalesce(r.completed_at, r.received_at) as restricted_since
  from customers c
  left join consent_states s on s.customer_id = c.id and s.purpose_key = ${purpose}
  left join consent_events e on e.id = s.last_event_id and e.customer_id = c.id
  left join data_subject_requests r on r.customer_id = c.id and r.kind = 'restriction'
    and r.status in ('received', 'in_progress', 'completed')
  where c.customer_number = ${number}`;

function answerOf(p, row) {
  if (!p || !row?.id) return { status: 404, body: { error: { code: "not_found" } } };
  const allowed = !row.restricted_since && row.granted === true && (!row.expires_at || row.expires_at > new Date());
  return {
    status: 200,
    body: { decision: allowed ? "allow" : "deny", purpose: { key: p.key, version: p.version }, since: row.updated_at },
  };
}

// The purpose's published version beside the customer's state: the route's indexed reads.
async function decide(number, purpose) {
  const [row] = await sql`
    with p as (select key, version, legal_basis from purposes where key = ${purpose} and status = 'published')
    select p.key, p.version, subject.* from p left join (${subject(number, purpose)}) subject on true`;
  return answerOf(row, row);
}

createServer(async (req, res) => {
  const [, mode, number, purpose] = req.url.split("/");
  try {
    let answer;
    if (mode === "full") {
      const token = (req.headers.authorization ?? "").replace(/^Bearer /, "");
      const hash = createHash("sha256").update(token).digest("hex");
      // As the route does it once the token has authenticated in the process: one statement
      // proves the token, reads the purpose and the customer (locked as the route locks
      // them) and writes the read and the call (data-modifying CTEs), no BEGIN/COMMIT.
      const [row] = await sql`
        with client as (
          select c.id, c.name from api_client_tokens t join api_clients c on c.id = t.client_id
          where t.token_hash = ${hash} and c.revoked_at is null and (t.expires_at is null or t.expires_at > now())
            and 'consent.read' = any(c.scopes)
        ),
        p as (select key, version, legal_basis from purposes where key = ${purpose} and status = 'published'),
        subject as (${subject(number, purpose)} and exists (select 1 from p) and exists (select 1 from client) for key share of c),
        reads as (
          insert into system_reads (client_id, client_name, purpose_key, customer_ids)
          select client.id, client.name, ${purpose}, array[subject.id] from subject, client
        ),
        calls as (
          insert into api_calls (client_id, scope, operation, status, customer_id, subjects)
          select client.id, 'consent.read', 'checkConsent', 200, subject.id, 1 from subject, client
        )
        select exists (select 1 from client) as client_ok, p.key, p.version, subject.*
        from (select 1) one left join p on true left join subject on true`;
      answer = row.client_ok
        ? answerOf(row.key ? row : null, row)
        : { status: 401, body: { error: { code: "unauthenticated" } } };
    } else {
      answer = await decide(number, purpose);
    }
    res.writeHead(answer.status, { "content-type": "application/json", "cache-control": "no-store" });
    res.end(JSON.stringify(answer.body));
  } catch (error) {
    res.writeHead(500, { "content-type": "application/json" });
    res.end(JSON.stringify({ error: { code: error?.name ?? "internal_error" } }));
  }
}).listen(port, "127.0.0.1", () => console.log(`bare decision server on ${port}`));
