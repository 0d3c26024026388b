import { eq, sql } from "drizzle-orm";
import { revalidatePath } from "next/cache";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db";
import { dataSubjectRequests, sessions } from "@/db/schema";
import { givenCustomer, givenSession, givenStaff } from "@/lib/testing/factories";
import { request, signedInWith } from "@/lib/testing/action-mocks";
import { cancelErasureAction, requestErasureAction, sendErasureLinkAction } from "./actions";

vi.mock("next/headers", () => import("@/lib/testing/action-mocks"));
vi.mock("next/cache", () => import("@/lib/testing/action-mocks"));
vi.mock("next-intl/server", () => import("@/lib/testing/action-mocks"));

function form(fields: Record<string, string>) {
  const formData = new FormData();
  for (const [name, value] of Object.entries(fields)) formData.append(name, value);
  return formData;
}

let kari: Awaited<ReturnType<typeof givenCustomer>>;
let ola: Awaited<ReturnType<typeof givenCustomer>>;

async function erasures(customerId: string) {
  const db = await getDb();
  return db.select().from(dataSubjectRequests).where(eq(dataSubjectRequests.customerId, customerId));
}

beforeAll(async () => {
  kari = await givenCustomer("kari");
  ola = await givenCustomer("ola");
});

beforeEach(() => {
  vi.mocked(revalidatePath).mockClear();
  request.locale = "en";
});

describe("requestErasureAction", () => {
  it("needs the 'I understand' box, and refuses a forged customer id", async () => {
    signedInWith(await givenSession(kari.userId));
    expect(await requestErasureAction(null, form({}))).toMatchObject({
      ok: false,
      fieldErrors: { understand: "Tick the box to confirm that you understand what will be deleted." },
    });
    expect(await requestErasureAction(null, form({ understand: "on", customerId: ola.customerId }))).toMatchObject({
      ok: false,
      message: "Please check what you entered.",
    });
    expect(await erasures(kari.customerId)).toEqual([]);
    expect(await erasures(ola.customerId)).toEqual([]);
  });

  it("asks for a fresh sign-in when the session is older than 10 minutes", async () => {
    const token = await givenSession(ola.userId);
    const db = await getDb();
    await db
      .update(sessions)
      .set({ createdAt: sql`now() - interval '11 minutes'` })
      .where(eq(sessions.sessionToken, token));
    signedInWith(token);
    expect(await requestErasureAction(null, form({ understand: "on" }))).toMatchObject({ ok: false, reauth: true });
    expect(await erasures(ola.customerId)).toEqual([]);
  });

  it("schedules the deletion; a second request and another customer's cancel are refused", async () => {
    signedInWith(await givenSession(kari.userId));
    const result = await requestErasureAction(null, form({ understand: "on" }));
    expect(result).toMatchObject({ ok: true });
    expect(revalidatePath).toHaveBeenCalledWith("/account", "layout");
    expect(await requestErasureAction(null, form({ understand: "on" }))).toMatchObject({
      ok: false,
      message: "You already have an account deletion scheduled. You can cancel it or wait for it to run.",
    });
    const [scheduled] = await erasures(kari.customerId);

    signedInWith(await givenSession(ola.userId));
    expect(await cancelErasureAction(null, form({ requestId: scheduled!.id }))).toMatchObject({
      ok: false,
      message: "We could not find that.",
    });
    signedInWith(null);
    expect(await cancelErasureAction(null, form({ requestId: scheduled!.id }))).toMatchObject({
      ok: false,
      message: "Your session has ended. Please sign in again.",
    });
    const agent = await givenStaff("agent");
    signedInWith(await givenSession(agent.userId));
    expect(await cancelErasureAction(null, form({ requestId: scheduled!.id }))).toMatchObject({
      ok: false,
      message: "You are not allowed to do that.",
    });
    expect((await erasures(kari.customerId))[0]!.status).toBe("scheduled");

    // Cancelling needs no fresh sign-in.
    const old = await givenSession(kari.userId);
    const db = await getDb();
    await db
      .update(sessions)
      .set({ createdAt: sql`now() - interval '1 day'` })
      .where(eq(sessions.sessionToken, old));
    signedInWith(old);
    expect(await cancelErasureAction(null, form({ requestId: scheduled!.id }))).toEqual({ ok: true });
    expect(await cancelErasureAction(null, form({ requestId: scheduled!.id }))).toMatchObject({
      ok: false,
      message: "This deletion can no longer be cancelled: it has already started, finished or been cancelled.",
    });
  });
});

describe("sendErasureLinkAction", () => {
  it("sends customers a link and refuses staff", async () => {
    signedInWith(await givenSession(kari.userId));
    expect(await sendErasureLinkAction(null, form({}))).toEqual({ ok: true });
    const agent = await givenStaff("agent");
    signedInWith(await givenSession(agent.userId));
    expect(await sendErasureLinkAction(null, form({}))).toMatchObject({
      ok: false,
      message: "You are not allowed to do that.",
    });
  });
});
