import { asc } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { sessions } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { givenCustomer, givenSession, givenStaff } from "@/lib/testing/factories";
import { revokeOtherSessions } from "./revoke-other-sessions";
import { revokeSession } from "./revoke-session";
import { publicSessionId } from "./session-id";

async function allTokens() {
  const db = await getDb();
  return (await db.select({ token: sessions.sessionToken }).from(sessions).orderBy(asc(sessions.sessionToken))).map(
    (s) => s.token,
  );
}

let kari: Awaited<ReturnType<typeof givenCustomer>>;
let ola: Awaited<ReturnType<typeof givenCustomer>>;
let kariHere: string;
let kariPhone: string;
let kariLaptop: string;
let olaHere: string;

beforeEach(async () => {
  const db = await getDb();
  await db.delete(sessions);
  kari = await givenCustomer("kari");
  ola = await givenCustomer("ola");
  kariHere = await givenSession(kari.userId);
  kariPhone = await givenSession(kari.userId);
  kariLaptop = await givenSession(kari.userId);
  olaHere = await givenSession(ola.userId);
});

async function expectNotFoundAndNothingDeleted(run: () => Promise<unknown>) {
  const before = await allTokens();
  await expect(run()).rejects.toEqual(new AppError("not_found"));
  expect(await allTokens()).toEqual(before);
}

describe("revokeSession", () => {
  it("ends one of the customer's other sessions and keeps the rest", async () => {
    await revokeSession(kari, { sessionId: publicSessionId(kariPhone), currentSessionToken: kariHere });
    expect(await allTokens()).toEqual([kariHere, kariLaptop, olaHere].sort());
  });

  it("does not find another customer's session", async () => {
    await expectNotFoundAndNothingDeleted(() =>
      revokeSession(kari, { sessionId: publicSessionId(olaHere), currentSessionToken: kariHere }),
    );
  });

  it("does not find an unknown id, or a raw session token", async () => {
    await expectNotFoundAndNothingDeleted(() =>
      revokeSession(kari, { sessionId: "0".repeat(32), currentSessionToken: kariHere }),
    );
    await expectNotFoundAndNothingDeleted(() =>
      revokeSession(kari, { sessionId: kariPhone, currentSessionToken: kariHere }),
    );
  });

  it("does not end the session it is asked from", async () => {
    await expectNotFoundAndNothingDeleted(() =>
      revokeSession(kari, { sessionId: publicSessionId(kariHere), currentSessionToken: kariHere }),
    );
  });

  it("does not find an expired session", async () => {
    const expired = await givenSession(kari.userId, -1000);
    await expectNotFoundAndNothingDeleted(() =>
      revokeSession(kari, { sessionId: publicSessionId(expired), currentSessionToken: kariHere }),
    );
  });

  it("refuses staff", async () => {
    const agent = await givenStaff("agent");
    const before = await allTokens();
    await expect(
      revokeSession(agent, { sessionId: publicSessionId(kariPhone), currentSessionToken: null }),
    ).rejects.toEqual(new AppError("forbidden"));
    expect(await allTokens()).toEqual(before);
  });
});

describe("revokeOtherSessions", () => {
  it("ends every other session of the customer and keeps this one and other customers'", async () => {
    expect(await revokeOtherSessions(kari, { currentSessionToken: kariHere })).toEqual({ revoked: 2 });
    expect(await allTokens()).toEqual([kariHere, olaHere].sort());
    expect(await revokeOtherSessions(kari, { currentSessionToken: kariHere })).toEqual({ revoked: 0 });
  });

  it("with another customer's token as current, still ends only the customer's own sessions", async () => {
    expect(await revokeOtherSessions(kari, { currentSessionToken: olaHere })).toEqual({ revoked: 3 });
    expect(await allTokens()).toEqual([olaHere]);
  });

  it("refuses without a current session, and refuses staff", async () => {
    const before = await allTokens();
    await expect(revokeOtherSessions(kari, { currentSessionToken: null })).rejects.toEqual(
      new AppError("unauthenticated"),
    );
    await expect(revokeOtherSessions(await givenStaff("product"), { currentSessionToken: olaHere })).rejects.toEqual(
      new AppError("forbidden"),
    );
    expect(await allTokens()).toEqual(before);
  });
});
