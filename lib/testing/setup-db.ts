import { afterAll, beforeAll } from "vitest";
import { closeDb, installDb } from "@/db";
import { createTestDatabase } from "@/db/test-database.test-support";

// Each test file gets its own fresh database; lib/ functions reach it through getDb().
process.env.TILLIT_DATA_DIR ??= `${process.cwd()}/.data/test`;
process.env.AUTH_SECRET ??= "test-secret-test-secret-test-secret-0123";

beforeAll(async () => {
  const { db, driver, close } = await createTestDatabase();
  installDb(db, driver, close);
});

afterAll(async () => {
  await closeDb();
});
