"use server";

import { getTranslations } from "next-intl/server";
import { parseFormData } from "@/lib/actions/form-data";
import { invalidInput, type ActionFailure } from "@/lib/actions/result";
import { isAppError } from "@/lib/errors";
import { verifyConsentReceipt } from "@/lib/receipts/verify-receipt";
import { MAX_RECEIPT_BYTES, verifyReceiptSchema, type VerifyReceiptState } from "@/lib/receipts/verify-schema";

type ErrorKey = "empty" | "both" | "tooLarge" | "unexpected";

async function refuse(field: "receipt" | "file" | null, key: ErrorKey): Promise<ActionFailure> {
  const message = (await getTranslations("receiptVerify"))(`errors.${key}`);
  return { ok: false, message, fieldErrors: field ? { [field]: message } : {} };
}

/** Public: checks a pasted or uploaded consent receipt against every key that signed receipts here. */
export async function verifyReceiptAction(_prev: VerifyReceiptState, formData: FormData): Promise<VerifyReceiptState> {
  const parsed = parseFormData(verifyReceiptSchema, formData);
  if (!parsed.success) return invalidInput(parsed.error);
  const pasted = parsed.data.receipt?.trim() ?? "";
  const file = parsed.data.file && parsed.data.file.size > 0 ? parsed.data.file : null;
  if (file && file.size > MAX_RECEIPT_BYTES) return refuse("file", "tooLarge");
  if (Buffer.byteLength(pasted, "utf8") > MAX_RECEIPT_BYTES) return refuse("receipt", "tooLarge");
  if (pasted && file) return refuse("receipt", "both");
  if (!pasted && !file) return refuse("receipt", "empty");
  try {
    const result = await verifyConsentReceipt(file ? await file.text() : pasted);
    return { ok: true, ...result };
  } catch (error) {
    if (isAppError(error) && error.messageKey === "tooLarge") return refuse(file ? "file" : "receipt", "tooLarge");
    console.error(`[tillit] verify receipt failed: ${error instanceof Error ? error.name : "unknown error"}`);
    return refuse(null, "unexpected");
  }
}
