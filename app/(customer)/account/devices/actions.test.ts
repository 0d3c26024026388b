import { asc } from "drizzle-orm";
import { revalidatePath } from "next/cache";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db";
import { sessions } from "@/db/schema";
import { publicSessionId } from "@/lib/sessions/session-id";
import { givenCustomer, givenSession, givenStaff } from "@/lib/testing/factories";
import { request, signedInWith } from "@/lib/testing/action-mocks";
import { revokeOtherSessionsAction, revokeSessionAction } from "./actions";

vi.mock("next/headers", () => import("@/lib/testing/action-mocks"));
vi.mock("next/cache", () => import("@/lib/testing/action-mocks"));
vi.mock("next-intl/server", () => import("@/lib/testing/action-mocks"));

// What the customer reads (messages/en/).
const says = {
  notFound: "That device is already signed out, or it is not one of yours. Nothing was changed.",
  invalid: "Please check what you entered.",
  invalidField: "This value is not valid.",
  unauthenticated: "Your session has ended. Please sign in again.",
  forbidden: "You are not allowed to do that.",
};

function form(fields: Record<string, string>) {
  const formData = new FormData();
  for (const [name, value] of Object.entries(fields)) formData.append(name, value);
  return formData;
}

async function allTokens() {
  const db = await getDb();
  return (await db.select({ token: sessions.sessionToken }).from(sessions).orderBy(asc(sessions.sessionToken))).map(
    (s) => s.token,
  );
}

let kari: Awaited<ReturnType<typeof givenCustomer>>;
let kariHere: string;
let kariPhone: string;
let kariLaptop: string;
let olaHere: string;

beforeEach(async () => {
  vi.mocked(revalidatePath).mockClear();
  request.headers = new Headers({ "user-agent": "Mozilla/5.0 (X11; Linux x86_64) vitest" });
  const db = await getDb();
  await db.delete(sessions);
  kari = await givenCustomer("kari");
  const ola = await givenCustomer("ola");
  kariHere = await givenSession(kari.userId);
  kariPhone = await givenSession(kari.userId);
  kariLaptop = await givenSession(kari.userId);
  olaHere = await givenSession(ola.userId);
  signedInWith(kariHere);
});

async function expectRefusedWithoutChange(run: () => Promise<unknown>, expected: object) {
  const before = await allTokens();
  expect(await run()).toEqual({ ok: false, fieldErrors: {}, ...expected });
  expect(await allTokens()).toEqual(before);
  expect(revalidatePath).not.toHaveBeenCalled();
}

describe("revokeSessionAction", () => {
  it("signs one of the customer's other devices out", async () => {
    expect(await revokeSessionAction(null, form({ sessionId: publicSessionId(kariPhone) }))).toEqual({
      ok: true,
      revoked: 1,
    });
    expect(await allTokens()).toEqual([kariHere, kariLaptop, olaHere].sort());
    expect(revalidatePath).toHaveBeenCalledWith("/account/devices");
  });

  it("says another customer's session is not found, and signs nobody out", async () => {
    await expectRefusedWithoutChange(() => revokeSessionAction(null, form({ sessionId: publicSessionId(olaHere) })), {
      message: says.notFound,
    });
  });

  it("says an unknown id and this very session are not found", async () => {
    await expectRefusedWithoutChange(() => revokeSessionAction(null, form({ sessionId: "f".repeat(32) })), {
      message: says.notFound,
    });
    await expectRefusedWithoutChange(() => revokeSessionAction(null, form({ sessionId: publicSessionId(kariHere) })), {
      message: says.notFound,
    });
  });

  it("refuses a raw session token and extra fields as invalid", async () => {
    await expectRefusedWithoutChange(() => revokeSessionAction(null, form({ sessionId: kariPhone })), {
      message: says.invalid,
      fieldErrors: { sessionId: says.invalidField },
    });
    await expectRefusedWithoutChange(
      () => revokeSessionAction(null, form({ sessionId: publicSessionId(kariPhone), userId: kari.userId })),
      { message: says.invalid, fieldErrors: { form: says.invalidField } },
    );
  });

  it("asks to sign in again without a session, and refuses staff", async () => {
    signedInWith(null);
    await expectRefusedWithoutChange(() => revokeSessionAction(null, form({ sessionId: publicSessionId(kariPhone) })), {
      message: says.unauthenticated,
    });
    signedInWith(await givenSession((await givenStaff("agent")).userId));
    const before = await allTokens();
    expect(await revokeSessionAction(null, form({ sessionId: publicSessionId(kariPhone) }))).toEqual({
      ok: false,
      message: says.forbidden,
      fieldErrors: {},
    });
    expect(await allTokens()).toEqual(before);
  });
});

describe("revokeOtherSessionsAction", () => {
  it("signs every other device of the customer out and keeps this one", async () => {
    expect(await revokeOtherSessionsAction(null, form({}))).toEqual({ ok: true, revoked: 2 });
    expect(await allTokens()).toEqual([kariHere, olaHere].sort());
    expect(revalidatePath).toHaveBeenCalledWith("/account/devices");
  });

  it("refuses a forged field and a missing session without signing anybody out", async () => {
    await expectRefusedWithoutChange(() => revokeOtherSessionsAction(null, form({ userId: kari.userId })), {
      message: says.invalid,
      fieldErrors: { form: says.invalidField },
    });
    signedInWith(null);
    await expectRefusedWithoutChange(() => revokeOtherSessionsAction(null, form({})), {
      message: says.unauthenticated,
    });
  });
});
