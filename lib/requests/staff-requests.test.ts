import { and, count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import {
  auditLog,
  customers,
  dataChanges,
  dataSubjectRequestEvents,
  dataSubjectRequests,
  staffAccessLog,
  users,
} from "@/db/schema";
import type { StaffActor } from "@/lib/auth/actor";
import { isAppError, type AppError } from "@/lib/errors";
import { givenCustomer, givenPublishedPurposes, givenStaff } from "@/lib/testing/factories";
import { listDataChanges } from "@/lib/profile/list-data-changes";
import { auditCustomerTarget } from "@/lib/audit/append-audit-entry";
import { verifyAuditChain } from "@/lib/audit/verify-audit-chain";
import { openCustomerWithSupportCode } from "@/lib/support/open-customer";
import { issueSupportCode } from "@/lib/support/support-codes";
import { assignRequestToMe } from "./assign-request";
import { carryOutRectification } from "./carry-out-rectification";
import { changeRequestStatus } from "./change-request-status";
import { getCustomerForFiling } from "./customer-for-filing";
import { dueDateFor } from "./due-date";
import { extendRequestDeadline } from "./extend-request-deadline";
import { fileRequestForCustomer } from "./file-request-for-customer";
import { getRequestForStaff } from "./get-request-for-staff";
import { listRequestQueue } from "./list-request-queue";
import { getRequest, listRequests } from "./list-requests";
import { defaultQueueParams, parseQueueParams, type QueueParams } from "./queue-params";
import { fileRequest } from "./record-request";

let siri: StaffActor;

beforeAll(async () => {
  await givenPublishedPurposes();
  siri = await givenAgent("Siri Hansen");
});

async function givenAgent(name: string): Promise<StaffActor> {
  const agent = await givenStaff("agent");
  await (await getDb()).update(users).set({ name }).where(eq(users.id, agent.userId));
  return agent;
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!isAppError(error)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

/** Rows that any refused call must leave as they were. */
async function written() {
  const db = await getDb();
  const [requests] = await db.select({ n: count() }).from(dataSubjectRequests);
  const [events] = await db.select({ n: count() }).from(dataSubjectRequestEvents);
  const [views] = await db.select({ n: count() }).from(staffAccessLog);
  return { requests: requests!.n, events: events!.n, views: views!.n };
}

const queue = (params: Partial<QueueParams> = {}) => listRequestQueue(siri, { ...defaultQueueParams, ...params });

describe("an agent files a request for a customer", () => {
  it("files an export by phone with the agent's first name, logs the look, and the customer sees who filed it", async () => {
    const kari = await givenCustomer("kari");
    const { requestId } = await fileRequestForCustomer(siri, {
      customerId: kari.customerId,
      kind: "export",
      channel: "phone",
    });
    const db = await getDb();
    const [row] = await db.select().from(dataSubjectRequests).where(eq(dataSubjectRequests.id, requestId));
    expect(row).toMatchObject({
      kind: "export",
      status: "received",
      channel: "phone",
      filedByStaffUserId: siri.userId,
      filedByName: "Siri",
    });
    const views = await db.select().from(staffAccessLog).where(eq(staffAccessLog.customerId, kari.customerId));
    expect(views).toEqual([
      expect.objectContaining({ action: "view", reasonCode: "data_subject_request", staffUserId: siri.userId }),
    ]);
    const [seen] = await listRequests(kari);
    expect(seen).toMatchObject({ id: requestId, channel: "phone", filedByName: "Siri", filedByStaff: true });
    const detail = await getRequest(kari, requestId);
    expect(detail.history).toEqual([expect.objectContaining({ status: "received", staffName: "Siri" })]);
  });

  it("keeps the customer's words and what each kind needs", async () => {
    const kari = await givenCustomer("kari");
    const { requestId } = await fileRequestForCustomer(siri, {
      customerId: kari.customerId,
      kind: "rectification",
      channel: "email",
      category: "orders",
      details: "Order 1234 was returned, not kept.",
    });
    expect(await getRequest(kari, requestId)).toMatchObject({
      kind: "rectification",
      channel: "email",
      reason: "Order 1234 was returned, not kept.",
      details: { category: "orders" },
    });
    const restriction = await fileRequestForCustomer(siri, {
      customerId: kari.customerId,
      kind: "restriction",
      channel: "store",
      ground: "accuracy_contested",
    });
    // It waits for Kari: not in force until she confirms it.
    expect(await getRequest(kari, restriction.requestId)).toMatchObject({
      status: "scheduled",
      awaitsCustomer: true,
      details: { ground: "accuracy_contested" },
    });
  });

  it("refuses bad input and the wrong people, writing and logging nothing", async () => {
    const kari = await givenCustomer("kari");
    const product = await givenStaff("product");
    const before = await written();
    const cases: [() => Promise<unknown>, string, string?][] = [
      [
        () =>
          fileRequestForCustomer(siri, {
            customerId: "00000000-0000-4000-8000-000000000000",
            kind: "export",
            channel: "phone",
          }),
        "not_found",
      ],
      [
        () =>
          fileRequestForCustomer(siri, { customerId: "x'; drop table customers;--", kind: "export", channel: "phone" }),
        "not_found",
      ],
      [
        () =>
          fileRequestForCustomer(siri, { customerId: kari.customerId, kind: "deletion" as never, channel: "phone" }),
        "invalid",
        "kindRequired",
      ],
      [
        () => fileRequestForCustomer(siri, { customerId: kari.customerId, kind: "export", channel: "portal" as never }),
        "invalid",
        "channelRequired",
      ],
      [
        () => fileRequestForCustomer(siri, { customerId: kari.customerId, kind: "export", channel: "fax" as never }),
        "invalid",
        "channelRequired",
      ],
      [
        () =>
          fileRequestForCustomer(siri, {
            customerId: kari.customerId,
            kind: "rectification",
            channel: "phone",
            details: "x",
          }),
        "invalid",
        "categoryRequired",
      ],
      [
        () => fileRequestForCustomer(siri, { customerId: kari.customerId, kind: "restriction", channel: "phone" }),
        "invalid",
        "groundRequired",
      ],
      [
        () => fileRequestForCustomer(siri, { customerId: kari.customerId, kind: "objection", channel: "phone" }),
        "invalid",
        "objectionEmpty",
      ],
      [
        () =>
          fileRequestForCustomer(siri, {
            customerId: kari.customerId,
            kind: "objection",
            channel: "phone",
            details: "Stop\u200bprofiling",
          }),
        "invalid",
        "invisibleCharacters",
      ],
      [
        () =>
          fileRequestForCustomer(siri, {
            customerId: kari.customerId,
            kind: "export",
            channel: "phone",
            staffUserId: siri.userId,
          } as never),
        "invalid",
      ],
      [
        () => fileRequestForCustomer(product, { customerId: kari.customerId, kind: "export", channel: "phone" }),
        "forbidden",
      ],
      [
        () => fileRequestForCustomer(kari, { customerId: kari.customerId, kind: "export", channel: "phone" }),
        "forbidden",
      ],
      [
        () => fileRequestForCustomer(null, { customerId: kari.customerId, kind: "export", channel: "phone" }),
        "unauthenticated",
      ],
    ];
    for (const [call, code, key] of cases) {
      const error = await refusal(call());
      expect(error.code).toBe(code);
      if (key) expect(Object.values(error.fieldErrors)).toContain(key);
    }
    expect(await written()).toEqual(before);
    await expect(getCustomerForFiling(siri, kari.customerId)).resolves.toMatchObject({ name: "kari T." });
    expect((await refusal(getCustomerForFiling(siri, "nobody"))).code).toBe("not_found");
    expect((await refusal(getCustomerForFiling(product, kari.customerId))).code).toBe("forbidden");
  });
});

describe("the request queue", () => {
  it("lists requests masked, filters and sorts them, pages by keyset, and logs no look", async () => {
    const ola = await givenCustomer("ola");
    const db = await getDb();
    const ids: string[] = [];
    for (let i = 0; i < 23; i += 1) {
      const request = await db.transaction((tx) =>
        fileRequest(tx, { customerId: ola.customerId, kind: "rectification", reason: `r${i}` }),
      );
      // Received i days ago: the oldest are overdue.
      const receivedAt = new Date(Date.now() - (40 - i) * 24 * 60 * 60 * 1000);
      await db
        .update(dataSubjectRequests)
        .set({ receivedAt, dueOn: dueDateFor(receivedAt) })
        .where(eq(dataSubjectRequests.id, request.id));
      ids.push(request.id);
    }
    const viewsBefore = (await written()).views;
    const first = await queue();
    expect(first.rows).toHaveLength(20);
    expect(first.next).not.toBeNull();
    const ordered = first.rows.map((r) => r.effectiveDueOn);
    expect([...ordered].sort()).toEqual(ordered);
    const olaRows = first.rows.filter((r) => r.customer.name === "ola T.");
    expect(olaRows[0]).toMatchObject({
      kind: "rectification",
      channel: "portal",
      urgency: "overdue",
      assigneeName: null,
    });
    const all: string[] = [];
    for (let page = await queue({ kind: "rectification" }); ;) {
      all.push(...page.rows.map((r) => r.id));
      if (!page.next) break;
      page = await queue({ kind: "rectification", after: parseQueueParams({ after: page.next }).after });
    }
    expect(new Set(all).size).toBe(all.length);
    expect(all).toEqual(expect.arrayContaining(ids));
    const newest = await queue({ sort: "received", dir: "desc", kind: "rectification" });
    expect(newest.rows[0]!.receivedAt.getTime()).toBeGreaterThanOrEqual(newest.rows[1]!.receivedAt.getTime());
    const overdue = await queue({ overdue: true });
    expect(overdue.rows.every((r) => r.urgency === "overdue")).toBe(true);
    expect((await written()).views).toBe(viewsBefore);
  });

  it("ignores unknown or malformed parameters rather than failing", () => {
    expect(
      parseQueueParams({
        status: "all",
        kind: "nope",
        sort: "'; drop",
        dir: ["asc", "desc"],
        after: "%%%",
        overdue: "1",
      }),
    ).toEqual({
      ...defaultQueueParams,
      status: "all",
      overdue: true,
    });
  });

  it("refuses product team members and customers", async () => {
    const kari = await givenCustomer("kari");
    expect((await refusal(listRequestQueue(await givenStaff("product"), defaultQueueParams))).code).toBe("forbidden");
    expect((await refusal(listRequestQueue(kari, defaultQueueParams))).code).toBe("forbidden");
  });
});

describe("working a request", () => {
  it("assigns it, moves it on with a note, extends it once, and the customer reads every step with the agent's name", async () => {
    const kari = await givenCustomer("kari");
    const { requestId } = await fileRequestForCustomer(siri, {
      customerId: kari.customerId,
      kind: "rectification",
      channel: "phone",
      category: "loyalty",
      details: "Points from March are missing.",
    });
    const viewsBefore = (await written()).views;
    const opened = await getRequestForStaff(siri, requestId);
    expect(opened).toMatchObject({
      customer: { name: "kari T." },
      nextStatuses: ["in_progress", "completed", "rejected"],
    });
    expect((await written()).views).toBe(viewsBefore + 1);

    await assignRequestToMe(siri, { requestId });
    expect((await queue({ assignee: "me" })).rows.map((r) => r.id)).toContain(requestId);
    expect((await queue({ assignee: "unassigned" })).rows.map((r) => r.id)).not.toContain(requestId);

    await changeRequestStatus(siri, { requestId, to: "in_progress", note: "Checking with the loyalty team." });
    await extendRequestDeadline(siri, { requestId, months: 1, reason: "The loyalty system is being moved." });
    expect(
      (await refusal(extendRequestDeadline(siri, { requestId, months: 1, reason: "Once more, please." }))).messageKey,
    ).toBe("alreadyExtended");
    await changeRequestStatus(siri, { requestId, to: "completed", note: "Added 120 points." });

    const seen = await getRequest(kari, requestId);
    expect(seen.history.map((h) => [h.status, h.note, h.staffName])).toEqual([
      ["received", null, "Siri"],
      ["in_progress", "Checking with the loyalty team.", "Siri"],
      ["extended", "The loyalty system is being moved.", "Siri"],
      ["completed", "Added 120 points.", "Siri"],
    ]);
    // Each change is in the staff audit log, chained, naming the customer by pseudonym only.
    const db = await getDb();
    const audited = await db
      .select({
        action: auditLog.action,
        actorName: auditLog.actorName,
        targetId: auditLog.targetId,
        after: auditLog.after,
      })
      .from(auditLog)
      .where(eq(auditLog.targetId, auditCustomerTarget(kari.customerId).id))
      .orderBy(auditLog.id);
    expect(audited.map((a) => [a.action, a.actorName])).toEqual([
      ["request.filed_for_customer", "Siri Hansen"],
      ["request.assigned", "Siri Hansen"],
      ["request.status_changed", "Siri Hansen"],
      ["request.deadline_extended", "Siri Hansen"],
      ["request.status_changed", "Siri Hansen"],
    ]);
    expect(audited.at(-1)!.after).toEqual({ kind: "rectification", status: "completed", withNote: true });
    expect(JSON.stringify(audited)).not.toContain(kari.customerId);
    expect(JSON.stringify(audited)).not.toContain("Added 120 points");
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  it("refuses a transition the history does not allow, a rejection without a note, and what only the customer or a job finishes", async () => {
    const kari = await givenCustomer("kari");
    const exportRequest = await fileRequestForCustomer(siri, {
      customerId: kari.customerId,
      kind: "export",
      channel: "phone",
    });
    const erasure = await fileRequestForCustomer(siri, {
      customerId: kari.customerId,
      kind: "erasure",
      channel: "store",
    });
    const before = await written();
    const noNote = await refusal(
      changeRequestStatus(siri, { requestId: exportRequest.requestId, to: "rejected", note: "  " }),
    );
    expect(noNote).toMatchObject({ code: "invalid", fieldErrors: { note: "rejectionNoteRequired" } });
    expect(
      (await refusal(changeRequestStatus(siri, { requestId: exportRequest.requestId, to: "completed" }))).messageKey,
    ).toBe("awaitsCustomer");
    expect(
      (await refusal(changeRequestStatus(siri, { requestId: erasure.requestId, to: "completed" }))).messageKey,
    ).toBe("awaitsCustomer");
    expect(
      (await refusal(changeRequestStatus(siri, { requestId: erasure.requestId, to: "lifted" as never }))).code,
    ).toBe("invalid");
    const invisible = await refusal(
      changeRequestStatus(siri, { requestId: exportRequest.requestId, to: "in_progress", note: "ok\u200b" }),
    );
    expect(invisible.fieldErrors).toEqual({ note: "invisibleCharacters" });
    expect(
      (
        await refusal(
          changeRequestStatus(siri, {
            requestId: exportRequest.requestId,
            to: "in_progress",
            staffName: "Boss",
          } as never),
        )
      ).code,
    ).toBe("invalid");
    for (const requestId of ["00000000-0000-4000-8000-000000000000", "not a uuid", "../../etc"]) {
      expect((await refusal(changeRequestStatus(siri, { requestId, to: "in_progress" }))).code).toBe("not_found");
      expect((await refusal(assignRequestToMe(siri, { requestId }))).code).toBe("not_found");
      expect((await refusal(getRequestForStaff(siri, requestId))).code).toBe("not_found");
    }
    const product = await givenStaff("product");
    expect(
      (await refusal(changeRequestStatus(product, { requestId: exportRequest.requestId, to: "in_progress" }))).code,
    ).toBe("forbidden");
    expect((await refusal(assignRequestToMe(kari, { requestId: exportRequest.requestId }))).code).toBe("forbidden");
    expect((await refusal(getRequestForStaff(product, exportRequest.requestId))).code).toBe("forbidden");
    expect(await written()).toEqual(before);

    // Rejected is final: nothing moves it on.
    await changeRequestStatus(siri, {
      requestId: exportRequest.requestId,
      to: "rejected",
      note: "We could not confirm who called.",
    });
    const final = await refusal(changeRequestStatus(siri, { requestId: exportRequest.requestId, to: "in_progress" }));
    expect(final).toMatchObject({ code: "conflict", messageKey: "transitionNotAllowed" });
    expect((await refusal(assignRequestToMe(siri, { requestId: exportRequest.requestId }))).messageKey).toBe(
      "requestNotOpen",
    );
    const [rejected] = await (
      await getDb()
    )
      .select()
      .from(dataSubjectRequestEvents)
      .where(
        and(
          eq(dataSubjectRequestEvents.requestId, exportRequest.requestId),
          eq(dataSubjectRequestEvents.status, "rejected"),
        ),
      );
    expect(rejected).toMatchObject({ note: "We could not confirm who called.", staffName: "Siri" });
  });

  it("carries out a rectification through the profile writer: the customer's change list names the agent", async () => {
    const kari = await givenCustomer("kari");
    const { requestId } = await fileRequestForCustomer(siri, {
      customerId: kari.customerId,
      kind: "rectification",
      channel: "phone",
      category: "contact",
      details: "My number is now 987 65 432.",
    });
    const db = await getDb();
    // Asked for on the phone: only once the caller proved to be Kari with a support code.
    expect(
      (await refusal(carryOutRectification(siri, { requestId, field: "phone", value: "98765432" }))).messageKey,
    ).toBe("verifyCallerFirst");
    const { code } = await issueSupportCode(kari);
    await openCustomerWithSupportCode(siri, { customerId: kari.customerId, code }, "en");
    const before = await written();
    const bad = await refusal(carryOutRectification(siri, { requestId, field: "phone", value: "call me" }));
    expect(bad).toMatchObject({ code: "invalid", fieldErrors: { value: "phoneInvalid" } });
    expect(
      (await refusal(carryOutRectification(siri, { requestId, field: "email" as never, value: "x" }))).fieldErrors,
    ).toEqual({
      field: "fieldRequired",
    });
    expect(
      (
        await refusal(
          carryOutRectification(await givenStaff("product"), { requestId, field: "phone", value: "98765432" }),
        )
      ).code,
    ).toBe("forbidden");
    expect(await written()).toEqual(before);
    expect(await db.select().from(dataChanges).where(eq(dataChanges.customerId, kari.customerId))).toEqual([]);

    await carryOutRectification(siri, { requestId, field: "phone", value: "98765432", note: "Updated as you asked." });
    const [customer] = await db
      .select({ phone: customers.phone })
      .from(customers)
      .where(eq(customers.id, kari.customerId));
    expect(customer?.phone).toBe("+47 987 65 432");
    expect(await listDataChanges(kari)).toEqual([
      expect.objectContaining({ field: "phone", action: "added", changedByName: "Siri" }),
    ]);
    expect((await getRequest(kari, requestId)).history.at(-1)).toMatchObject({
      status: "completed",
      note: "Updated as you asked.",
      staffName: "Siri",
    });
    expect(
      (await refusal(carryOutRectification(siri, { requestId, field: "phone", value: "98765433" }))).messageKey,
    ).toBe("requestNotOpen");

    const orders = await fileRequestForCustomer(siri, {
      customerId: kari.customerId,
      kind: "rectification",
      channel: "email",
      category: "orders",
      details: "Order 12 was returned.",
    });
    expect(
      (await refusal(carryOutRectification(siri, { requestId: orders.requestId, field: "givenName", value: "Kari" })))
        .messageKey,
    ).toBe("notProfileField");
  });
});
