import { and, count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { consentEvents, dataSubjectRequests, jobs, users } from "@/db/schema";
import type { StaffActor } from "@/lib/auth/actor";
import { readRestriction } from "@/lib/consent/restriction";
import { requestErasure } from "@/lib/erasure/request-erasure";
import { isAppError, type AppError } from "@/lib/errors";
import { givenCustomer, givenPublishedPurposes, givenStaff } from "@/lib/testing/factories";
import { confirmFiledRestriction, declineFiledRequest } from "./answer-filed-request";
import { changeRequestStatus } from "./change-request-status";
import { fileRequestForCustomer } from "./file-request-for-customer";
import { getRequest } from "./list-requests";
import { objectToProcessing } from "./object-to-processing";

let siri: StaffActor;

beforeAll(async () => {
  await givenPublishedPurposes();
  siri = await givenStaff("agent");
  await (await getDb()).update(users).set({ name: "Siri Hansen" }).where(eq(users.id, siri.userId));
});

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!isAppError(error)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

describe("what an agent files that changes consent or deletes waits for the customer", () => {
  it("a restriction is not in force until the customer confirms it; the agent cannot put it in force", async () => {
    const kari = await givenCustomer("kari");
    const { requestId } = await fileRequestForCustomer(siri, {
      customerId: kari.customerId,
      kind: "restriction",
      channel: "phone",
      ground: "accuracy_contested",
    });
    const db = await getDb();
    expect(await readRestriction(db, kari)).toBeNull();
    expect(await getRequest(kari, requestId)).toMatchObject({ awaitsCustomer: true, filedByName: "Siri" });
    expect((await refusal(changeRequestStatus(siri, { requestId, to: "in_progress" }))).messageKey).toBe(
      "awaitsCustomer",
    );
    const ola = await givenCustomer("ola");
    expect((await refusal(confirmFiledRestriction(ola, { requestId }))).code).toBe("not_found");
    expect((await refusal(confirmFiledRestriction(siri, { requestId }))).code).toBe("forbidden");

    await confirmFiledRestriction(kari, { requestId });
    expect((await readRestriction(db, kari))?.requestId).toBe(requestId);
    expect(await getRequest(kari, requestId)).toMatchObject({ shownStatus: "in_force", awaitsCustomer: false });
    expect((await refusal(confirmFiledRestriction(kari, { requestId }))).messageKey).toBe("requestNotOpen");
  });

  it("an objection takes effect through the customer's own objection, completing the filed request", async () => {
    const kari = await givenCustomer("kari");
    const { requestId } = await fileRequestForCustomer(siri, {
      customerId: kari.customerId,
      kind: "objection",
      channel: "email",
      details: "No more surveys, please.",
    });
    const source = { userAgent: "vitest", locale: "en" as const };
    const empty = await refusal(
      objectToProcessing(kari, { purposeKeys: [], reason: "x", confirms: requestId, source }),
    );
    expect(empty.fieldErrors).toEqual({ purposeKeys: "objectionEmpty" });
    const result = await objectToProcessing(kari, { purposeKeys: ["service_surveys"], confirms: requestId, source });
    expect(result).toEqual({ requestId, changed: ["service_surveys"] });
    const db = await getDb();
    const [events] = await db
      .select({ n: count() })
      .from(consentEvents)
      .where(and(eq(consentEvents.customerId, kari.customerId), eq(consentEvents.method, "objection_request")));
    expect(events!.n).toBe(1);
    const confirmed = await getRequest(kari, requestId);
    expect(confirmed).toMatchObject({
      status: "completed",
      reason: "No more surveys, please.",
      details: { purposeKeys: ["service_surveys"] },
    });
    expect(
      await db.select().from(dataSubjectRequests).where(eq(dataSubjectRequests.customerId, kari.customerId)),
    ).toHaveLength(1);
  });

  it("an erasure is scheduled only by the customer's own confirmation, after a fresh sign-in", async () => {
    const kari = await givenCustomer("kari");
    const { requestId } = await fileRequestForCustomer(siri, {
      customerId: kari.customerId,
      kind: "erasure",
      channel: "store",
    });
    const db = await getDb();
    expect(await db.select().from(jobs).where(eq(jobs.customerId, kari.customerId))).toEqual([]);
    expect((await refusal(requestErasure(kari))).messageKey).toBe("reauthRequired");
    const scheduled = await requestErasure({ ...kari, signedInAt: new Date() });
    expect(scheduled.requestId).toBe(requestId);
    expect(await getRequest(kari, requestId)).toMatchObject({ status: "scheduled", awaitsCustomer: false });
    expect(
      await db.select({ requestId: jobs.requestId }).from(jobs).where(eq(jobs.customerId, kari.customerId)),
    ).toEqual([{ requestId }]);
  });

  it("the customer declines, with their words; nothing takes effect", async () => {
    const kari = await givenCustomer("kari");
    const { requestId } = await fileRequestForCustomer(siri, {
      customerId: kari.customerId,
      kind: "restriction",
      channel: "phone",
      ground: "legal_claims",
    });
    const invisible = await refusal(declineFiledRequest(kari, { requestId, reason: "I\u200b did not ask" }));
    expect(invisible.fieldErrors).toEqual({ reason: "invisibleCharacters" });
    await declineFiledRequest(kari, { requestId, reason: "I did not ask for this." });
    const declined = await getRequest(kari, requestId);
    expect(declined.status).toBe("cancelled");
    expect(declined.history.at(-1)).toMatchObject({
      status: "cancelled",
      note: "I did not ask for this.",
      staffName: null,
    });
    expect(await readRestriction(await getDb(), kari)).toBeNull();
  });
});
