import { z } from "zod";
import type { ActionFailure } from "@/lib/actions/types";
import type { LegalBasis } from "@/db/schema";
import type { Locale } from "@/lib/i18n/locales";
import type { ConsentReceipt } from "./receipt-payload";

/** Paste or upload, one of the two; the action decides which was given. */
export const verifyReceiptSchema = z.strictObject({
  receipt: z.string().optional(),
  file: z.instanceof(File).optional(),
});

export type ReceiptInvalidReason = "not_receipt" | "bad_signature" | "unknown_key";

/** Beside a valid receipt: what the page needs to show it in the reader's language. */
export type ReceiptDescription = {
  /** The purpose version's name in each language; null if this installation does not know it. */
  purposeNames: Record<Locale, string> | null;
  legalBasis: LegalBasis | null;
};

export type VerifyReceiptState =
  | null
  | { ok: true; valid: true; kid: string; receipt: ConsentReceipt; described: ReceiptDescription }
  | { ok: true; valid: false; reason: ReceiptInvalidReason }
  | ActionFailure;
