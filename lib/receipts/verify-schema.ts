import { z } from "zod";
import type { ActionFailure } from "@/lib/actions/types";
import type { ConsentReceipt } from "./receipt-payload";

/** Paste or upload, one of the two; the action decides which was given. */
export const verifyReceiptSchema = z.strictObject({
  receipt: z.string().optional(),
  file: z.instanceof(File).optional(),
});

export type ReceiptInvalidReason = "not_receipt" | "bad_signature" | "unknown_key";

export type VerifyReceiptState =
  | null
  | { ok: true; valid: true; kid: string; receipt: ConsentReceipt }
  | { ok: true; valid: false; reason: ReceiptInvalidReason }
  | ActionFailure;
