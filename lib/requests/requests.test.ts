import { and, asc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { consentEvents, dataSubjectRequestEvents, dataSubjectRequests, jobs, staffAccessLog } from "@/db/schema";
import { effectiveConsents, mayUsePurpose } from "@/lib/consent/effective-consent";
import { listCustomerPurposes } from "@/lib/consent/list-customer-purposes";
import { setConsent, type ConsentSource } from "@/lib/consent/set-consent";
import { isAppError, type AppError } from "@/lib/errors";
import type { MailSender } from "@/lib/mail/transport";
import { sendNewsletter } from "@/lib/newsletter/send-newsletter";
import { mayContact } from "@/lib/preferences/may-contact";
import { givenCustomer, givenPublishedPurposes, givenStaff } from "@/lib/testing/factories";
import { extendRequestDeadline } from "./extend-request-deadline";
import { getRequest, listRequests } from "./list-requests";
import { objectToProcessing } from "./object-to-processing";
import { fileRequest } from "./record-request";
import { requestRectification } from "./request-rectification";
import { resolveRequest } from "./resolve-request";
import { liftRestriction, restrictProcessing } from "./restrict-processing";

const source: ConsentSource = { channel: "web", userAgent: "vitest", locale: "en" };
const objectionSource = { userAgent: "vitest", locale: "en" as const };

beforeAll(async () => {
  await givenPublishedPurposes();
});

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!isAppError(error)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

async function grant(customer: Awaited<ReturnType<typeof givenCustomer>>, purposeKey: string, granted = true) {
  await setConsent(customer, { purposeKey, purposeVersion: 1, granted, source });
}

function recordingTransport(): MailSender & { to: string[] } {
  const to: string[] = [];
  return {
    to,
    async sendMail(message) {
      to.push(String(message.to));
    },
  };
}

/** Files a request received at a given instant, as an agent would find it. */
async function givenRequestReceivedAt(customerId: string, receivedAt: string) {
  const db = await getDb();
  const request = await db.transaction((tx) => fileRequest(tx, { customerId, kind: "rectification", reason: "x" }));
  const { dueDateFor } = await import("./due-date");
  await db
    .update(dataSubjectRequests)
    .set({ receivedAt: new Date(receivedAt), dueOn: dueDateFor(new Date(receivedAt)) })
    .where(eq(dataSubjectRequests.id, request.id));
  return request.id;
}

describe("restriction of processing (Art. 18)", () => {
  it("pauses every consent and legitimate-interest purpose until lifted; contract purposes continue", async () => {
    const kari = await givenCustomer("restrict");
    await grant(kari, "newsletter");
    expect(await mayUsePurpose(kari, "newsletter")).toMatchObject({ allowed: true, status: "granted" });

    const { requestId } = await restrictProcessing(kari, { ground: "accuracy_contested", reason: "Wrong address" });
    expect(await mayUsePurpose(kari, "newsletter")).toMatchObject({ allowed: false, status: "restricted" });
    expect(await mayUsePurpose(kari, "service_surveys")).toMatchObject({
      allowed: false,
      status: "restricted",
    });
    expect(await mayUsePurpose(kari, "order_processing")).toMatchObject({
      allowed: true,
      status: "required",
    });
    expect(await mayContact(kari, "newsletter", "email")).toBe(false);
    expect(await mayContact(kari, "service_surveys", "email")).toBe(false);

    // The purposes page shows the customer's choice (still on) and that use is paused.
    const cards = await listCustomerPurposes(kari, "en");
    const newsletterCard = cards.find((p) => p.key === "newsletter")!;
    expect(newsletterCard).toMatchObject({ granted: true, status: "restricted" });
    expect(newsletterCard.restrictedSince).toBeInstanceOf(Date);

    // Filed and in force at once: the customer reads "in force", not a closed, completed request.
    const [request] = await listRequests(kari);
    expect(request).toMatchObject({
      id: requestId,
      kind: "restriction",
      status: "completed",
      shownStatus: "in_force",
      open: false,
      liftedAt: null,
    });
    expect(request!.completedAt).toEqual(request!.receivedAt);
    expect(request!.details).toEqual({ ground: "accuracy_contested" });

    await liftRestriction(kari, requestId);
    expect(await mayUsePurpose(kari, "newsletter")).toMatchObject({ allowed: true, status: "granted" });
    expect(await mayContact(kari, "newsletter", "email")).toBe(true);
    const detail = await getRequest(kari, requestId);
    expect(detail).toMatchObject({ status: "lifted", shownStatus: "lifted" });
    expect(detail.history.map((h) => h.status)).toEqual(["received", "completed", "lifted"]);
    expect(detail.history.map((h) => h.shownStatus)).toEqual(["received", "in_force", "lifted"]);
    // Lifted when the lifting was recorded (the same statement, to the millisecond or so).
    expect(Math.abs(detail.liftedAt!.getTime() - detail.history.at(-1)!.occurredAt.getTime())).toBeLessThan(1000);
  });

  it("makes the newsletter sender skip a restricted customer, and mail them again after lifting", async () => {
    const kari = await givenCustomer("restrict-mail");
    await grant(kari, "newsletter");
    const { requestId } = await restrictProcessing(kari, { ground: "legal_claims" });
    const paused = recordingTransport();
    await sendNewsletter({ transport: paused });
    expect(paused.to).not.toContain(kari.email);

    await liftRestriction(kari, requestId);
    const resumed = recordingTransport();
    await sendNewsletter({ transport: resumed });
    expect(resumed.to).toContain(kari.email);
  });

  it("records a consent switched on while restricted, but keeps its use paused", async () => {
    const kari = await givenCustomer("restrict-switch");
    const { requestId } = await restrictProcessing(kari, { ground: "objection_pending" });
    await grant(kari, "product_analytics");
    expect(await mayUsePurpose(kari, "product_analytics")).toMatchObject({
      allowed: false,
      status: "restricted",
    });
    await liftRestriction(kari, requestId);
    expect(await mayUsePurpose(kari, "product_analytics")).toMatchObject({
      allowed: true,
      status: "granted",
    });
  });

  it("refuses a second restriction while one is in force, and lifting twice", async () => {
    const kari = await givenCustomer("restrict-twice");
    const { requestId } = await restrictProcessing(kari, { ground: "unlawful_keep" });
    expect(await refusal(restrictProcessing(kari, { ground: "unlawful_keep" }))).toMatchObject({
      code: "conflict",
      messageKey: "restrictionActive",
    });
    await liftRestriction(kari, requestId);
    expect(await refusal(liftRestriction(kari, requestId))).toMatchObject({
      code: "conflict",
      messageKey: "requestNotOpen",
    });
    // After lifting, a new restriction may be filed.
    await expect(restrictProcessing(kari, { ground: "unlawful_keep" })).resolves.toMatchObject({});
  });

  it("refuses bad input: no ground, an unknown ground, a reason over 1000 characters, a forged customer id", async () => {
    const kari = await givenCustomer("restrict-bad");
    expect(await refusal(restrictProcessing(kari, { ground: "" as never }))).toMatchObject({
      code: "invalid",
      fieldErrors: { ground: "groundRequired" },
    });
    expect(await refusal(restrictProcessing(kari, { ground: "because" as never }))).toMatchObject({ code: "invalid" });
    expect(await refusal(restrictProcessing(kari, { ground: "legal_claims", reason: "x".repeat(1001) }))).toMatchObject(
      { code: "invalid", fieldErrors: { reason: "reasonTooLong" } },
    );
    const other = await givenCustomer("restrict-other");
    expect(
      await refusal(restrictProcessing(kari, { ground: "legal_claims", customerId: other.customerId } as never)),
    ).toMatchObject({ code: "invalid", fieldErrors: { form: "invalid" } });
    expect(await listRequests(kari)).toEqual([]);
    expect(await listRequests(other)).toEqual([]);
  });

  it("lets nobody lift another customer's restriction: the same not-found for foreign, malformed and other kinds", async () => {
    const kari = await givenCustomer("lift-own");
    const ola = await givenCustomer("lift-other");
    const { requestId } = await restrictProcessing(kari, { ground: "legal_claims" });
    expect(await refusal(liftRestriction(ola, requestId))).toMatchObject({ code: "not_found" });
    expect(await refusal(liftRestriction(kari, "not-a-uuid"))).toMatchObject({ code: "not_found" });
    const { requestId: rectification } = await requestRectification(kari, {
      category: "orders",
      description: "Order 1042 was never delivered",
    });
    expect(await refusal(liftRestriction(kari, rectification))).toMatchObject({ code: "not_found" });
    const agent = await givenStaff("agent");
    expect(await refusal(liftRestriction(agent, requestId))).toMatchObject({ code: "forbidden" });
    expect(await mayUsePurpose(kari, "service_surveys")).toMatchObject({ status: "restricted" });
  });
});

describe("objection (Art. 21)", () => {
  it("objects to a legitimate-interest purpose and withdraws a consent purpose in one completed request", async () => {
    const kari = await givenCustomer("object");
    await grant(kari, "newsletter");
    const { requestId, changed } = await objectToProcessing(kari, {
      purposeKeys: ["service_surveys", "newsletter", "product_analytics"],
      reason: "I do not want surveys",
      source: objectionSource,
    });
    // product_analytics was never granted: nothing to withdraw.
    expect(changed.sort()).toEqual(["newsletter", "service_surveys"]);
    expect(await mayUsePurpose(kari, "service_surveys")).toMatchObject({ status: "objected" });
    expect(await mayUsePurpose(kari, "newsletter")).toMatchObject({ status: "withdrawn" });
    const events = await (
      await getDb()
    )
      .select({ action: consentEvents.action, method: consentEvents.method, key: consentEvents.purposeKey })
      .from(consentEvents)
      .where(and(eq(consentEvents.customerId, kari.customerId), eq(consentEvents.method, "objection_request")))
      .orderBy(asc(consentEvents.id));
    expect(events.map((e) => `${e.key}:${e.action}`).sort()).toEqual([
      "newsletter:withdrawn",
      "service_surveys:objected",
    ]);
    const request = await getRequest(kari, requestId);
    expect(request).toMatchObject({ kind: "objection", status: "completed", reason: "I do not want surveys" });
    expect(request.details.purposeKeys).toEqual(["service_surveys", "newsletter", "product_analytics"]);
  });

  it("files an objection with a reason but no purpose as received, for staff", async () => {
    const kari = await givenCustomer("object-profiling");
    const { requestId, changed } = await objectToProcessing(kari, {
      purposeKeys: [],
      reason: "I object to profiling",
      source: objectionSource,
    });
    expect(changed).toEqual([]);
    expect(await getRequest(kari, requestId)).toMatchObject({ status: "received", open: true });
  });

  it("refuses unknown and contract purposes, and an empty objection, writing nothing", async () => {
    const kari = await givenCustomer("object-bad");
    for (const purposeKeys of [["service_surveys", "no_such_purpose"], ["order_processing"], ["bookkeeping"]]) {
      expect(await refusal(objectToProcessing(kari, { purposeKeys, source: objectionSource }))).toMatchObject({
        code: "invalid",
        fieldErrors: { purposeKeys: "unknownPurpose" },
      });
    }
    expect(
      await refusal(objectToProcessing(kari, { purposeKeys: [], reason: "  ", source: objectionSource })),
    ).toMatchObject({ code: "invalid", fieldErrors: { purposeKeys: "objectionEmpty" } });
    expect(
      await refusal(
        objectToProcessing(kari, {
          purposeKeys: ["service_surveys"],
          reason: "x".repeat(1001),
          source: objectionSource,
        }),
      ),
    ).toMatchObject({ code: "invalid", fieldErrors: { reason: "reasonTooLong" } });
    expect(await listRequests(kari)).toEqual([]);
    expect(await mayUsePurpose(kari, "service_surveys")).toMatchObject({ status: "in_use" });
    const events = await (
      await getDb()
    )
      .select()
      .from(consentEvents)
      .where(eq(consentEvents.customerId, kari.customerId));
    expect(events).toEqual([]);
  });
});

describe("rectification requests", () => {
  it("files a rectification as received, due one month later", async () => {
    const kari = await givenCustomer("rectify");
    const { requestId } = await requestRectification(kari, {
      category: "loyalty",
      description: "  My points for order 1042 are missing  ",
    });
    const request = await getRequest(kari, requestId);
    expect(request).toMatchObject({
      kind: "rectification",
      status: "received",
      reason: "My points for order 1042 are missing",
      details: { category: "loyalty" },
      extendedDueOn: null,
      overdue: false,
    });
    expect(request.effectiveDueOn).toBe(request.dueOn);
  });

  it("refuses an unknown category and an empty or too long description", async () => {
    const kari = await givenCustomer("rectify-bad");
    expect(await refusal(requestRectification(kari, { category: "secrets" as never, description: "x" }))).toMatchObject(
      { code: "invalid", fieldErrors: { category: "categoryRequired" } },
    );
    expect(await refusal(requestRectification(kari, { category: "orders", description: "   " }))).toMatchObject({
      code: "invalid",
      fieldErrors: { description: "descriptionRequired" },
    });
    expect(
      await refusal(requestRectification(kari, { category: "orders", description: "x".repeat(2001) })),
    ).toMatchObject({ code: "invalid", fieldErrors: { description: "descriptionTooLong" } });
    expect(await listRequests(kari)).toEqual([]);
  });
});

describe("listing requests", () => {
  it("shows only the customer's own requests, with a background export's progress but no job internals", async () => {
    const kari = await givenCustomer("list");
    const ola = await givenCustomer("list-other");
    const db = await getDb();
    const exportRequest = await db.transaction((tx) =>
      fileRequest(tx, { customerId: kari.customerId, kind: "export", steps: ["in_progress"] }),
    );
    await db.insert(jobs).values({
      kind: "export",
      customerId: kari.customerId,
      requestId: exportRequest.id,
      status: "running",
      lockedBy: "worker-1",
      progressDone: 250,
      progressTotal: 1000,
    });
    await requestRectification(ola, { category: "orders", description: "Not mine" });

    const mine = await listRequests(kari);
    expect(mine).toHaveLength(1);
    expect(mine[0]!.progress).toEqual({ done: 250, total: 1000, status: "running" });
    expect(JSON.stringify(mine)).not.toContain("worker-1");
    expect(await refusal(getRequest(ola, exportRequest.id))).toMatchObject({ code: "not_found" });
    expect(await refusal(getRequest(kari, "1234"))).toMatchObject({ code: "not_found" });
    expect(await refusal(getRequest(kari, crypto.randomUUID()))).toMatchObject({ code: "not_found" });
    const agent = await givenStaff("agent");
    expect(await refusal(listRequests(agent))).toMatchObject({ code: "forbidden" });
    expect(await refusal(getRequest(agent, exportRequest.id))).toMatchObject({ code: "forbidden" });
    expect(await refusal(listRequests(null))).toMatchObject({ code: "unauthenticated" });
  });

  it("flags an open request past its due date (Oslo calendar) as overdue", async () => {
    const kari = await givenCustomer("overdue");
    const id = await givenRequestReceivedAt(kari.customerId, "2027-01-31T12:00:00Z");
    expect(await getRequest(kari, id, new Date("2027-02-28T22:59:00Z"))).toMatchObject({
      dueOn: "2027-02-28",
      overdue: false,
    });
    // 23:00 UTC on 28 February is already 1 March in Oslo.
    expect(await getRequest(kari, id, new Date("2027-02-28T23:00:00Z"))).toMatchObject({ overdue: true });
  });
});

describe("deadline extension (Art. 12(3))", () => {
  it("extends an open request once by up to two months, with a reason the customer sees, logged as a staff view", async () => {
    const kari = await givenCustomer("extend");
    const agent = await givenStaff("agent");
    const id = await givenRequestReceivedAt(kari.customerId, "2027-01-31T09:00:00Z");
    const reason = "We are checking the order with our warehouse";
    expect(await extendRequestDeadline(agent, { requestId: id, months: 2, reason })).toEqual({
      requestId: id,
      extendedDueOn: "2027-04-30",
    });
    const request = await getRequest(kari, id, new Date("2027-03-15T12:00:00Z"));
    expect(request).toMatchObject({
      dueOn: "2027-02-28",
      extendedDueOn: "2027-04-30",
      extensionReason: reason,
      effectiveDueOn: "2027-04-30",
      overdue: false,
    });
    expect(request.history.at(-1)).toMatchObject({ status: "extended", note: reason });
    const log = await (
      await getDb()
    )
      .select()
      .from(staffAccessLog)
      .where(eq(staffAccessLog.customerId, kari.customerId));
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ staffUserId: agent.userId, action: "view", reasonCode: "data_subject_request" });

    expect(await refusal(extendRequestDeadline(agent, { requestId: id, months: 1, reason }))).toMatchObject({
      code: "conflict",
      messageKey: "alreadyExtended",
    });
  });

  it("counts from the receipt: 31 January + 1 month is 28 February, and 29 February in a leap year", async () => {
    const kari = await givenCustomer("extend-leap");
    const agent = await givenStaff("agent");
    const id2027 = await givenRequestReceivedAt(kari.customerId, "2027-01-31T09:00:00Z");
    expect((await getRequest(kari, id2027)).dueOn).toBe("2027-02-28");
    const id2028 = await givenRequestReceivedAt(kari.customerId, "2028-01-31T09:00:00Z");
    expect((await getRequest(kari, id2028)).dueOn).toBe("2028-02-29");
    expect(
      await extendRequestDeadline(agent, { requestId: id2028, months: 1, reason: "More time to check the order" }),
    ).toMatchObject({ extendedDueOn: "2028-03-31" });
  });

  it("refuses 3 months, a short or missing reason, a closed request, an unknown id, and customers", async () => {
    const kari = await givenCustomer("extend-bad");
    const agent = await givenStaff("agent");
    const id = await givenRequestReceivedAt(kari.customerId, "2027-01-31T09:00:00Z");
    const reason = "We need more time to check";
    expect(await refusal(extendRequestDeadline(agent, { requestId: id, months: 3 as never, reason }))).toMatchObject({
      code: "invalid",
      messageKey: "extensionTooLong",
    });
    expect(await refusal(extendRequestDeadline(agent, { requestId: id, months: 1, reason: "short" }))).toMatchObject({
      code: "invalid",
      fieldErrors: { reason: "extensionReasonRequired" },
    });
    expect(
      await refusal(extendRequestDeadline(agent, { requestId: id, months: 1, reason: "x".repeat(1001) })),
    ).toMatchObject({ code: "invalid", fieldErrors: { reason: "reasonTooLong" } });
    expect(await refusal(extendRequestDeadline(agent, { requestId: "nope", months: 1, reason }))).toMatchObject({
      code: "not_found",
    });
    expect(
      await refusal(extendRequestDeadline(agent, { requestId: crypto.randomUUID(), months: 1, reason })),
    ).toMatchObject({ code: "not_found" });
    expect(await refusal(extendRequestDeadline(kari, { requestId: id, months: 1, reason }))).toMatchObject({
      code: "forbidden",
    });
    const product = await givenStaff("product");
    expect(await refusal(extendRequestDeadline(product, { requestId: id, months: 1, reason }))).toMatchObject({
      code: "forbidden",
    });
    expect((await getRequest(kari, id)).extendedDueOn).toBeNull();

    await resolveRequest(agent, { requestId: id, outcome: "completed", note: "Corrected" });
    expect(await refusal(extendRequestDeadline(agent, { requestId: id, months: 1, reason }))).toMatchObject({
      code: "conflict",
      messageKey: "requestNotOpen",
    });
  });
});

describe("resolving a request", () => {
  it("completes or rejects a received request with a note in its history, once", async () => {
    const kari = await givenCustomer("resolve");
    const agent = await givenStaff("agent");
    const { requestId } = await requestRectification(kari, { category: "orders", description: "Wrong size on 1042" });
    await resolveRequest(agent, { requestId, outcome: "rejected", note: "The order shows size 42 as ordered" });
    const request = await getRequest(kari, requestId);
    expect(request).toMatchObject({ status: "rejected", open: false });
    expect(request.history.at(-1)).toMatchObject({ status: "rejected", note: "The order shows size 42 as ordered" });
    expect(await refusal(resolveRequest(agent, { requestId, outcome: "completed" }))).toMatchObject({
      code: "conflict",
      messageKey: "requestNotOpen",
    });
    expect(await refusal(resolveRequest(kari, { requestId, outcome: "completed" }))).toMatchObject({
      code: "forbidden",
    });
    const events = await (
      await getDb()
    )
      .select()
      .from(dataSubjectRequestEvents)
      .where(eq(dataSubjectRequestEvents.requestId, requestId));
    expect(events.map((e) => e.status)).toEqual(["received", "rejected"]);
  });

  it("does not resolve exports or erasures, which their jobs finish", async () => {
    const kari = await givenCustomer("resolve-export");
    const agent = await givenStaff("agent");
    const db = await getDb();
    const request = await db.transaction((tx) => fileRequest(tx, { customerId: kari.customerId, kind: "export" }));
    expect(await refusal(resolveRequest(agent, { requestId: request.id, outcome: "completed" }))).toMatchObject({
      code: "forbidden",
    });
  });
});

describe("every reader follows the restriction", () => {
  it("effectiveConsents reports the restriction on every purpose without multiplying rows", async () => {
    const kari = await givenCustomer("readers");
    const before = await effectiveConsents(await getDb(), kari);
    await restrictProcessing(kari, { ground: "accuracy_contested" });
    const after = await effectiveConsents(await getDb(), kari);
    expect(after).toHaveLength(before.length);
    expect(after.every((c) => c.restrictedSince instanceof Date)).toBe(true);
    expect(
      after
        .filter((c) => c.allowed)
        .map((c) => c.legalBasis)
        .sort(),
    ).toEqual(
      before
        .filter((c) => c.legalBasis === "contract" || c.legalBasis === "legal_obligation")
        .map((c) => c.legalBasis)
        .sort(),
    );
  });
});
