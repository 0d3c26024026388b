import { asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { dataSubjectRequestEvents, dataSubjectRequests } from "@/db/schema";
import { isAppError } from "@/lib/errors";
import { givenCustomer } from "@/lib/testing/factories";
import { osloDay } from "./due-date";
import { fileRequest, setRequestStatus } from "./record-request";

describe("data-subject request records", () => {
  it("files a request due one month later with its history", async () => {
    const customer = await givenCustomer("dsr");
    const db = await getDb();
    const request = await db.transaction((tx) =>
      fileRequest(tx, { customerId: customer.customerId, kind: "objection", reason: "No", steps: ["completed"] }),
    );
    expect(request.status).toBe("completed");
    expect(request.completedAt).not.toBeNull();
    expect(request.dueOn > osloDay(request.receivedAt)).toBe(true);
    const history = await db
      .select({ status: dataSubjectRequestEvents.status })
      .from(dataSubjectRequestEvents)
      .where(eq(dataSubjectRequestEvents.requestId, request.id))
      .orderBy(asc(dataSubjectRequestEvents.occurredAt));
    expect(history.map((h) => h.status)).toEqual(["received", "completed"]);
  });

  it("refuses a second open erasure and keeps the transaction usable", async () => {
    const customer = await givenCustomer("dsr");
    const db = await getDb();
    await db.transaction((tx) =>
      fileRequest(tx, { customerId: customer.customerId, kind: "erasure", steps: ["scheduled"] }),
    );
    const outcome = await db.transaction(async (tx) => {
      const error = await fileRequest(tx, { customerId: customer.customerId, kind: "erasure" }).catch(
        (e: unknown) => e,
      );
      // The same transaction still works after the refused insert.
      const rows = await tx
        .select()
        .from(dataSubjectRequests)
        .where(eq(dataSubjectRequests.customerId, customer.customerId));
      return { error, rows };
    });
    expect(isAppError(outcome.error) && outcome.error.messageKey).toBe("erasurePending");
    expect(outcome.rows).toHaveLength(1);
  });

  it("allows only valid transitions, and only for the customer's own request", async () => {
    const customer = await givenCustomer("dsr");
    const other = await givenCustomer("dsr-other");
    const db = await getDb();
    const request = await db.transaction((tx) =>
      fileRequest(tx, { customerId: customer.customerId, kind: "erasure", steps: ["scheduled"] }),
    );
    const foreign = await db
      .transaction((tx) => setRequestStatus(tx, { requestId: request.id, scope: other, to: "cancelled" }))
      .catch((e: unknown) => e);
    expect(isAppError(foreign) && foreign.code).toBe("not_found");
    await db.transaction((tx) => setRequestStatus(tx, { requestId: request.id, scope: customer, to: "cancelled" }));
    const again = await db
      .transaction((tx) => setRequestStatus(tx, { requestId: request.id, scope: customer, to: "cancelled" }))
      .catch((e: unknown) => e);
    expect(isAppError(again) && again.code).toBe("conflict");
  });
});
