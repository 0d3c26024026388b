import "server-only";
import { getTranslations } from "next-intl/server";
import type { z } from "zod";
import { isAppError } from "@/lib/errors";
import { fieldErrorKeys } from "./form-data";

import type { ActionFailure } from "./types";

export type { ActionFailure, ActionResult } from "./types";

/** A localised failure for invalid input: one message per field plus a summary. */
export async function invalidInput(error: z.ZodError): Promise<ActionFailure> {
  const t = await getTranslations("errors");
  const keys = fieldErrorKeys(error);
  const fieldErrors: Record<string, string> = {};
  for (const [field, key] of Object.entries(keys)) {
    fieldErrors[field] = t.has(`fields.${key}`) ? t(`fields.${key}`) : t("invalid");
  }
  return { ok: false, message: t("invalid"), fieldErrors };
}

/** Maps an application error to a safe, localised message; anything else is logged by name only. */
export async function actionFailure(error: unknown, context: string): Promise<ActionFailure> {
  const t = await getTranslations("errors");
  if (isAppError(error)) {
    const message = t.has(error.messageKey) ? t(error.messageKey) : t(error.code);
    return { ok: false, message, fieldErrors: {} };
  }
  console.error(`[tillit] ${context} failed: ${error instanceof Error ? error.name : "unknown error"}`);
  return { ok: false, message: t("unexpected"), fieldErrors: {} };
}
