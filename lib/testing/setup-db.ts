import { afterAll, beforeAll } from "vitest";
import { closeDb, installDbOpener } from "@/db";
import { createTestDatabase } from "@/db/test-database.test-support";

// Each test file gets its own fresh database; lib/ functions reach it through getDb(). It is
// made when the file first uses it, so a file of pure functions pays for none.
process.env.TILLIT_DATA_DIR ??= `${process.cwd()}/.data/test`;
process.env.AUTH_SECRET ??= "test-secret-test-secret-test-secret-0123";

beforeAll(() => {
  // The server as the run was started: a test that stubs DATABASE_URL before its first query
  // still gets the run's kind of database.
  const serverUrl = process.env.DATABASE_URL?.trim() ?? "";
  installDbOpener(() => createTestDatabase(serverUrl));
});

afterAll(async () => {
  await closeDb();
});
