"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { fieldErrorKeys, parseFormData } from "@/lib/actions/form-data";
import { actionFailure, type ActionFailure } from "@/lib/actions/result";
import { currentActor } from "@/lib/current-actor";
import { isAppError } from "@/lib/errors";
import { resolveLocale } from "@/lib/i18n/request";
import { objectToProcessing } from "@/lib/requests/object-to-processing";
import { requestRectification } from "@/lib/requests/request-rectification";
import {
  liftRestrictionSchema,
  objectionSchema,
  rectificationSchema,
  restrictionSchema,
  type LiftRestrictionState,
  type RequestFormState,
} from "@/lib/requests/request-schema";
import { liftRestriction, restrictProcessing } from "@/lib/requests/restrict-processing";

// Consent state and requests show on every account page (purpose cards, the home page).
const revalidateAccount = () => revalidatePath("/account", "layout");

export async function restrictProcessingAction(_prev: RequestFormState, formData: FormData): Promise<RequestFormState> {
  const parsed = parseFormData(restrictionSchema, formData);
  if (!parsed.success) return refused(fieldErrorKeys(parsed.error));
  let requestId: string;
  try {
    ({ requestId } = await restrictProcessing(await currentActor(), parsed.data));
  } catch (error) {
    return failure(error, "restrict processing");
  }
  revalidateAccount();
  redirect(`/account/requests/${requestId}?filed=1`);
}

export async function liftRestrictionAction(
  _prev: LiftRestrictionState,
  formData: FormData,
): Promise<LiftRestrictionState> {
  const parsed = parseFormData(liftRestrictionSchema, formData);
  if (!parsed.success) return refused(fieldErrorKeys(parsed.error));
  try {
    await liftRestriction(await currentActor(), parsed.data.requestId);
  } catch (error) {
    return failure(error, "lift restriction");
  }
  revalidateAccount();
  // The page that showed the button now shows the lifted request, with the confirmation.
  redirect(`/account/requests/${parsed.data.requestId}?lifted=1`);
}

export async function objectToProcessingAction(_prev: RequestFormState, formData: FormData): Promise<RequestFormState> {
  const parsed = parseFormData(objectionSchema, formData);
  if (!parsed.success) return refused(fieldErrorKeys(parsed.error));
  let requestId: string;
  try {
    const h = await headers();
    ({ requestId } = await objectToProcessing(await currentActor(), {
      ...parsed.data,
      source: { userAgent: h.get("user-agent"), locale: await resolveLocale() },
    }));
  } catch (error) {
    return failure(error, "object to processing");
  }
  revalidateAccount();
  redirect(`/account/requests/${requestId}?filed=1`);
}

export async function requestRectificationAction(
  _prev: RequestFormState,
  formData: FormData,
): Promise<RequestFormState> {
  const parsed = parseFormData(rectificationSchema, formData);
  if (!parsed.success) return refused(fieldErrorKeys(parsed.error));
  let requestId: string;
  try {
    ({ requestId } = await requestRectification(await currentActor(), parsed.data));
  } catch (error) {
    return failure(error, "request rectification");
  }
  revalidateAccount();
  redirect(`/account/requests/${requestId}?filed=1`);
}

/** Field errors in this area's own words; a field the form does not have refuses the form. */
async function refused(keys: Record<string, string>): Promise<ActionFailure> {
  const t = await getTranslations("requests.fieldErrors");
  const fieldErrors: Record<string, string> = {};
  for (const [field, key] of Object.entries(keys)) {
    fieldErrors[field] = t.has(key) ? t(key as "invalid") : t("invalid");
  }
  const message = Object.values(fieldErrors)[0] ?? t("invalid");
  return { ok: false, message, fieldErrors };
}

async function failure(error: unknown, context: string): Promise<ActionFailure> {
  if (isAppError(error) && error.code === "invalid" && Object.keys(error.fieldErrors).length > 0) {
    return refused(error.fieldErrors);
  }
  return actionFailure(error, context);
}
