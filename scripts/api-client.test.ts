import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { eq } from "drizzle-orm";
import { drizzle } from "drizzle-orm/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiClients, apiClientTokens, auditLog } from "@/db/schema";
import { openPglite } from "@/db/pglite";
import { hashApiToken } from "@/lib/integration/api-token";

// `npm run api:client` as an operator runs it, on an embedded database folder of its own.
const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "..");
let dataDir: string;

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const env = { ...process.env, TILLIT_DATA_DIR: dataDir, DATABASE_URL: "" };
  try {
    const { stdout, stderr } = await run(
      "npx",
      ["tsx", "--conditions=react-server", "scripts/api-client.ts", ...args],
      {
        cwd: root,
        env,
      },
    );
    return { code: 0, out: stdout, err: stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, out: failed.stdout, err: failed.stderr };
  }
}

async function withFolder<T>(work: (db: ReturnType<typeof drizzle>) => Promise<T>): Promise<T> {
  const client = await openPglite(path.join(dataDir, "pglite"));
  try {
    return await work(drizzle(client));
  } finally {
    await client.close();
  }
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "tillit-api-client-"));
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe("npm run api:client", () => {
  it(
    "creates, lists, rotates and revokes, printing a token once; bad input exits 2",
    { timeout: 180_000 },
    async () => {
      const noCommand = await cli();
      expect(noCommand.code).toBe(2);
      expect(noCommand.err).toContain("usage: npm run api:client");
      expect((await cli("create", "--name", "Web shop", "--scope", "consent.write")).code).toBe(2);
      const badCountry = await cli("create", "--name", "Web shop", "--scope", "consent.read", "--country", "norway");
      expect(badCountry.code).toBe(2);
      expect(badCountry.err).toContain("country must be two capital letters");
      expect((await cli("create", "--name", "Web shop", "--scope", "consent.read", "--colour", "red")).code).toBe(2);

      const created = await cli("create", "--name", "Web shop", "--scope", "consent.read", "--scope", "events.write");
      expect(created.code).toBe(0);
      const clientId = /^client: (\S+)$/m.exec(created.out)![1]!;
      const token = /^token: (tillit_\S+)$/m.exec(created.out)![1]!;
      expect(created.out).toContain("not shown again");

      const listed = await cli("list");
      expect(listed.code).toBe(0);
      expect(listed.out).toContain(`${clientId}\tWeb shop\tconsent.read,events.write\tNO\tactive\tlast call: never`);
      expect(listed.out).not.toContain(token);

      expect((await cli("rotate", clientId, "--overlap-hours", "200")).code).toBe(2);
      expect((await cli("rotate", crypto.randomUUID())).code).toBe(2);
      const rotated = await cli("rotate", clientId, "--overlap-hours", "0");
      expect(rotated.code).toBe(0);
      const second = /^token: (tillit_\S+)$/m.exec(rotated.out)![1]!;

      const revoked = await cli("revoke", clientId);
      expect(revoked.code).toBe(0);
      expect(revoked.out).toContain(`revoked ${clientId}`);
      expect((await cli("rotate", clientId)).code).toBe(1);

      await withFolder(async (db) => {
        const [client] = await db.select().from(apiClients).where(eq(apiClients.id, clientId));
        expect(client).toMatchObject({ name: "Web shop", createdBy: "cli" });
        expect(client!.revokedAt).not.toBeNull();
        const hashes = (await db.select().from(apiClientTokens)).map((t) => t.tokenHash);
        expect(hashes).toEqual([hashApiToken(token), hashApiToken(second)]);
        const entries = await db.select().from(auditLog).orderBy(auditLog.id);
        expect(entries.map((e) => [e.actorName, e.action])).toEqual([
          ["cli", "api_client.created"],
          ["cli", "api_client.token_rotated"],
          ["cli", "api_client.revoked"],
        ]);
        expect(JSON.stringify(entries)).not.toContain(token);
      });
    },
  );
});
