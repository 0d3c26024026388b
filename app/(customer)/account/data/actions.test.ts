import { eq } from "drizzle-orm";
import { revalidatePath } from "next/cache";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db";
import { dataChanges, inferences } from "@/db/schema";
import { givenInferences } from "@/lib/data-inventory/data-inventory.test-support";
import { givenCustomer, givenSession, givenStaff } from "@/lib/testing/factories";
import { request, signedInWith } from "@/lib/testing/action-mocks";
import { rejectInferenceAction } from "./actions";

vi.mock("next/headers", () => import("@/lib/testing/action-mocks"));
vi.mock("next/cache", () => import("@/lib/testing/action-mocks"));
vi.mock("next-intl/server", () => import("@/lib/testing/action-mocks"));

const says = {
  invalid: "Please check what you entered.",
  invalidField: "This value is not valid.",
  notFound: "We could not find this inference among yours. Nothing was changed.",
  unauthenticated: "Your session has ended. Please sign in again.",
  forbidden: "You are not allowed to do that.",
};

let anne: Awaited<ReturnType<typeof givenCustomer>>;
let bob: Awaited<ReturnType<typeof givenCustomer>>;
let annes: string[];

function form(fields: Record<string, string>) {
  const formData = new FormData();
  for (const [name, value] of Object.entries(fields)) formData.append(name, value);
  return formData;
}

async function snapshot() {
  const db = await getDb();
  return {
    inferences: await db.select().from(inferences).orderBy(inferences.id),
    changes: await db.select().from(dataChanges).orderBy(dataChanges.id),
  };
}

async function expectRefused(fields: Record<string, string>, expected: object) {
  const before = await snapshot();
  expect(await rejectInferenceAction(null, form(fields))).toEqual({ ok: false, fieldErrors: {}, ...expected });
  expect(await snapshot()).toEqual(before);
  expect(revalidatePath).not.toHaveBeenCalled();
}

beforeAll(async () => {
  anne = await givenCustomer("anne");
  bob = await givenCustomer("bob");
  annes = await givenInferences(anne.customerId, new Date());
  await givenInferences(bob.customerId, new Date());
});

beforeEach(async () => {
  vi.mocked(revalidatePath).mockClear();
  request.headers = new Headers({ "accept-language": "en-GB,en;q=0.9" });
  signedInWith(await givenSession(anne.userId));
});

describe("rejectInferenceAction", () => {
  it("removes the signed-in customer's inference and names it in their language", async () => {
    expect(await rejectInferenceAction(null, form({ inferenceId: annes[0]! }))).toEqual({
      ok: true,
      inferenceId: annes[0],
      label: "Active runner",
    });
    const db = await getDb();
    const [row] = await db.select().from(inferences).where(eq(inferences.id, annes[0]!));
    expect(row).toMatchObject({ status: "rejected" });
    expect(await db.select().from(dataChanges).where(eq(dataChanges.customerId, anne.customerId))).toEqual([
      expect.objectContaining({ field: "inference", action: "rejected" }),
    ]);
    expect(revalidatePath).toHaveBeenCalledWith("/account", "layout");
  });

  it("says another customer's inference is not found, and changes nothing", async () => {
    signedInWith(await givenSession(bob.userId));
    await expectRefused({ inferenceId: annes[1]! }, { message: says.notFound });
  });

  it("refuses a customer id in the form", async () => {
    await expectRefused(
      { inferenceId: annes[1]!, customerId: bob.customerId },
      { message: says.invalid, fieldErrors: { form: says.invalidField } },
    );
  });

  it("refuses a missing or over-long id", async () => {
    await expectRefused({}, { message: says.invalid, fieldErrors: { inferenceId: says.invalidField } });
    await expectRefused(
      { inferenceId: "x".repeat(65) },
      { message: says.invalid, fieldErrors: { inferenceId: says.invalidField } },
    );
  });

  it("asks to sign in again without a session, and refuses staff", async () => {
    signedInWith(null);
    await expectRefused({ inferenceId: annes[1]! }, { message: says.unauthenticated });
    signedInWith(await givenSession((await givenStaff("agent")).userId));
    await expectRefused({ inferenceId: annes[1]! }, { message: says.forbidden });
  });
});
