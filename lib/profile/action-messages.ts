import "server-only";
import { getTranslations } from "next-intl/server";
import type { z } from "zod";
import { fieldErrorKeys } from "@/lib/actions/form-data";
import { actionFailure } from "@/lib/actions/result";
import type { ActionFailure } from "@/lib/actions/types";
import { isAppError } from "@/lib/errors";

/** The text values of a post, so that a refused form keeps what the customer typed. */
export function sentValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, value] of formData) {
    if (typeof value === "string" && !name.startsWith("$ACTION")) values[name] = value.slice(0, 500);
  }
  return values;
}

/** Invalid input: one localised message per field (keys under `profile.fieldErrors`). */
export async function profileInvalidInput(error: z.ZodError): Promise<ActionFailure> {
  const [t, tErrors] = await Promise.all([getTranslations("profile"), getTranslations("errors")]);
  const fieldErrors: Record<string, string> = {};
  for (const [field, key] of Object.entries(fieldErrorKeys(error))) {
    fieldErrors[field] = t.has(`fieldErrors.${key}`) ? t(`fieldErrors.${key}`) : t("fieldErrors.invalid");
  }
  return { ok: false, message: tErrors("invalid"), fieldErrors };
}

/** An application error with a message of its own in `profile.errors`, else the shared mapping. */
export async function profileActionFailure(error: unknown, context: string): Promise<ActionFailure> {
  if (isAppError(error)) {
    const t = await getTranslations("profile");
    if (t.has(`errors.${error.messageKey}`))
      return { ok: false, message: t(`errors.${error.messageKey}`), fieldErrors: {} };
  }
  return actionFailure(error, context);
}
