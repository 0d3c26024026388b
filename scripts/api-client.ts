// npm run api:client -- <command>
//   create --name "Web shop" --scope consent.read [--scope events.write …] [--country NO]
//   list
//   rotate <clientId> [--overlap-hours N]   (0–168, default 24)
//   revoke <clientId>
// For automation: the operator, with the server's own database access, manages API clients.
// A new token is printed once, on its own line after "token:"; nothing else secret is printed.
// Audit entries name the actor "cli". Exit code 0: done; 1: refused or failed; 2: bad input.
import { parseArgs } from "node:util";
import { migrateDb } from "@/db/migrate";
import { createApiClient, listApiClients, revokeApiClient, rotateApiClientToken } from "@/lib/integration/api-clients";
import { isAppError } from "@/lib/errors";
import { cliOperator } from "@/lib/integration/operator";
import { runCommand } from "./run-command";

const usage = `usage: npm run api:client -- <command>
  create --name <name> --scope <scope> [--scope <scope> …] [--country <XX>]
  list
  rotate <clientId> [--overlap-hours <0-168>]
  revoke <clientId>
scopes: consent.read, consent.check.bulk, events.write, webhooks.manage`;

const fieldHelp: Record<string, string> = {
  required: "is required",
  tooLong: "is longer than 80 characters",
  invisibleCharacters: "holds invisible or control characters",
  nameTaken: "is already the name of an active client",
  scopesRequired: "needs at least one --scope",
  scopes: "names an unknown scope",
  scopesDuplicate: "names the same scope twice",
  country: "must be two capital letters (ISO 3166), such as NO",
  overlapHours: "must be a whole number of hours from 0 to 168",
  clientNotFound: "is not a client id",
};

class BadInput extends Error {}

function parse(args: string[]) {
  try {
    return parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: {
        name: { type: "string" },
        scope: { type: "string", multiple: true },
        country: { type: "string" },
        "overlap-hours": { type: "string" },
      },
    });
  } catch (error) {
    throw new BadInput(error instanceof Error ? error.message : "bad arguments");
  }
}

function only(positionals: string[], count: number) {
  if (positionals.length !== count) throw new BadInput(`expected ${count - 1} argument(s) after the command`);
}

async function run(args: string[]): Promise<number> {
  const { values, positionals } = parse(args);
  const [command] = positionals;
  const operator = cliOperator();
  switch (command) {
    case "create": {
      only(positionals, 1);
      await migrateDb();
      const { clientId, token } = await createApiClient(operator, {
        name: values.name ?? "",
        scopes: (values.scope ?? []) as never,
        ...(values.country !== undefined ? { country: values.country } : {}),
      });
      console.log(`client: ${clientId}`);
      console.log(`token: ${token}`);
      console.log("Keep the token now: it is not shown again (only its hash is stored).");
      return 0;
    }
    case "list": {
      only(positionals, 1);
      await migrateDb();
      const clients = await listApiClients(operator);
      if (clients.length === 0) console.log("no API clients");
      for (const c of clients) {
        const status = c.revokedAt ? `revoked ${c.revokedAt.toISOString()}` : "active";
        const last = c.lastCallAt ? c.lastCallAt.toISOString() : "never";
        console.log(`${c.id}\t${c.name}\t${c.scopes.join(",")}\t${c.country}\t${status}\tlast call: ${last}`);
      }
      return 0;
    }
    case "rotate": {
      only(positionals, 2);
      await migrateDb();
      const overlap = values["overlap-hours"];
      const { token, oldTokensEndAt } = await rotateApiClientToken(operator, {
        clientId: positionals[1]!,
        ...(overlap !== undefined ? { overlapHours: overlap } : {}),
      });
      console.log(`token: ${token}`);
      console.log(`The client's earlier tokens stop working at ${oldTokensEndAt.toISOString()}.`);
      console.log("Keep the token now: it is not shown again (only its hash is stored).");
      return 0;
    }
    case "revoke": {
      only(positionals, 2);
      await migrateDb();
      const { clientId, revokedAt } = await revokeApiClient(operator, { clientId: positionals[1]! });
      console.log(`revoked ${clientId} at ${revokedAt.toISOString()}: its calls are refused from now on`);
      return 0;
    }
    default:
      throw new BadInput(command ? `unknown command: ${command}` : "no command given");
  }
}

async function main(): Promise<number> {
  try {
    return await run(process.argv.slice(2));
  } catch (error) {
    if (error instanceof BadInput) {
      console.error(`${error.message}\n${usage}`);
      return 2;
    }
    if (isAppError(error)) {
      if (error.code === "invalid") {
        const fields = Object.entries(error.fieldErrors).map(
          ([field, key]) => `${field === "form" ? "input" : field} ${fieldHelp[key] ?? "is not valid"}`,
        );
        console.error(`refused: ${fields.join("; ") || "invalid input"}\n${usage}`);
        return 2;
      }
      if (error.code === "not_found") {
        console.error("refused: there is no API client with that id");
        return 2;
      }
      if (error.messageKey === "clientRevoked") {
        console.error("refused: that client is revoked (create a new one instead)");
        return 1;
      }
      console.error(`refused: ${error.code}`);
      return 1;
    }
    throw error;
  }
}

runCommand(main);
