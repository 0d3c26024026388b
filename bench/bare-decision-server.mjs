// The bench's baseline: node:http + postgres.js and nothing else, answering the decision
// API's question with the same indexed reads (GET /read/<customer number>/<purpose>), or
// with the same statements as the real route: the token, then one statement that reads and
// writes the read and call logs (GET /full/…). Started by bench/scenarios/integration-api.ts.
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

async function decide(number, purpose) {
  const [p] = await sql`select key, version, legal_basis from purposes where key = ${purpose} and status = 'published'`;
  const [row] = await subject(number, purpose);
  return answerOf(p, row);
}

createServer(async (req, res) => {
  const [, mode, number, purpose] = req.url.split("/");
  try {
    let answer;
    if (mode === "full") {
      const token = (req.headers.authorization ?? "").replace(/^Bearer /, "");
      const hash = createHash("sha256").update(token).digest("hex");
      const [client] = await sql`
        select c.id, c.name from api_client_tokens t join api_clients c on c.id = t.client_id
        where t.token_hash = ${hash} and c.revoked_at is null and (t.expires_at is null or t.expires_at > now())`;
      if (!client) answer = { status: 401, body: { error: { code: "unauthenticated" } } };
      else {
        // As the route does it: one statement reads the purpose and the customer (locked as
        // the route locks them) and writes the read and the call (data-modifying CTEs), no
        // BEGIN/COMMIT.
        const rows = await sql`
          with p as (select key, version, legal_basis from purposes where key = ${purpose} and status = 'published'),
          subject as (${subject(number, purpose)} and exists (select 1 from p) for key share of c),
          reads as (
            insert into system_reads (client_id, client_name, purpose_key, customer_ids)
            select ${client.id}, ${client.name}, ${purpose}, array[id] from subject
          ),
          calls as (
            insert into api_calls (client_id, scope, operation, status, customer_id, subjects)
            select ${client.id}, 'consent.read', 'checkConsent', 200, id, 1 from subject
          )
          select p.key, p.version, subject.* from p left join subject on true`;
        answer = answerOf(rows[0], rows[0]);
      }
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
