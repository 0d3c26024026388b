"use server";

import { defineAction } from "@/lib/define-action";
import type { FormAction } from "@/lib/actions/types";
import { AppError } from "@/lib/errors";
import { verifyConsentReceipt } from "@/lib/receipts/verify-receipt";
import { MAX_RECEIPT_BYTES } from "@/lib/receipts/receipt-limits";
import { verifyReceiptSchema, type VerifyReceiptState } from "@/lib/receipts/verify-schema";

/** Public: checks a pasted or uploaded consent receipt against every key that signed receipts here. */
export const verifyReceiptAction: FormAction<VerifyReceiptState> = defineAction({
  name: "verify receipt",
  schema: verifyReceiptSchema,
  messages: "receiptVerify",
  refusal: "first-field",
  principal: "none",
  run: async (input) => verifyConsentReceipt(await receiptText(input)),
  ok: (result) => result,
});

const refused = (field: "receipt" | "file", key: "empty" | "both" | "tooLarge") =>
  new AppError("invalid", { fieldErrors: { [field]: key } });
const tooLarge = (text: string) => Buffer.byteLength(text, "utf8") > MAX_RECEIPT_BYTES;

/** The one receipt sent, pasted or uploaded, refused on the field it came in. */
async function receiptText(input: { receipt?: string; file?: File }): Promise<string> {
  const pasted = input.receipt?.trim() ?? "";
  const file = input.file && input.file.size > 0 ? input.file : null;
  if (file && file.size > MAX_RECEIPT_BYTES) throw refused("file", "tooLarge");
  if (tooLarge(pasted)) throw refused("receipt", "tooLarge");
  if (pasted && file) throw refused("receipt", "both");
  if (!pasted && !file) throw refused("receipt", "empty");
  if (!file) return pasted;
  // Decoding can grow a file past the limit (each invalid byte becomes three).
  const text = await file.text();
  if (tooLarge(text)) throw refused("file", "tooLarge");
  return text;
}
