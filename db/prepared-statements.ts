import type { Sql } from "postgres";

// postgres.js runs a query that has parameters and is not prepared in two round trips
// (Parse and Describe to learn the parameter types, then Bind and Execute), and drizzle
// prepares only the queries given a name. A prepared statement is described once per
// connection, then runs in one round trip and reuses PostgreSQL's plan: half the round
// trips of every query in the app. The app's queries come in a fixed set of shapes (values
// are parameters), so each connection's statement cache stays small; a query with many
// parameters (an `inArray` over a caller-sized list) is not kept.
const MAX_PREPARED_PARAMETERS = 100;

type Unsafe = Sql["unsafe"];

/** This postgres.js client, and the transactions and savepoints opened on it, preparing their statements. */
export function preparingStatements<T extends Sql>(client: T): T {
  return new Proxy(client, {
    get(target, property, receiver) {
      if (property === "unsafe") {
        const unsafe: Unsafe = (query, parameters, options) => {
          // unsafe(query, options) is also a form postgres.js takes.
          const args = Array.isArray(parameters) ? parameters : [];
          const given = Array.isArray(parameters) ? options : (parameters as typeof options);
          const prepare = args.length > 0 && args.length <= MAX_PREPARED_PARAMETERS;
          return target.unsafe(query, args, { ...given, prepare });
        };
        return unsafe;
      }
      if (property === "begin" || property === "savepoint") {
        const open = Reflect.get(target, property, receiver) as (...args: unknown[]) => unknown;
        return (...args: unknown[]) => {
          const body = args.at(-1) as (tx: Sql) => unknown;
          return open(...args.slice(0, -1), (tx: Sql) => body(preparingStatements(tx)));
        };
      }
      return Reflect.get(target, property, receiver);
    },
  });
}
