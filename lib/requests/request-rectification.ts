import "server-only";
import { getDb } from "@/db";
import type { Actor } from "@/lib/auth/actor";
import { assertCustomer } from "@/lib/auth/permissions";
import { fileRequest } from "./record-request";
import { parseRequestInput, rectificationSchema, type RectificationInput } from "./request-schema";

/**
 * Art. 16 for what the customer cannot correct themselves on the profile page (orders,
 * loyalty, inferences, interactions…): filed as received, for staff to check and answer
 * within the month.
 */
export async function requestRectification(
  actor: Actor | null,
  input: RectificationInput,
): Promise<{ requestId: string }> {
  const customer = assertCustomer(actor, "requests.write.own");
  const { category, description } = parseRequestInput(rectificationSchema, input);
  const db = await getDb();
  const request = await db.transaction((tx) =>
    fileRequest(tx, {
      customerId: customer.customerId,
      kind: "rectification",
      reason: description,
      details: { category },
    }),
  );
  return { requestId: request.id };
}
