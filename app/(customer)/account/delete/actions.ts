"use server";

import { revalidatePath } from "next/cache";
import { getLocale, getTranslations } from "next-intl/server";
import { parseFormData } from "@/lib/actions/form-data";
import { actionFailure, invalidInput } from "@/lib/actions/result";
import { currentActor } from "@/lib/current-actor";
import { isAppError } from "@/lib/errors";
import { cancelErasure } from "@/lib/erasure/cancel-erasure";
import {
  cancelErasureSchema,
  confirmErasureSchema,
  emptyFormSchema,
  type CancelErasureState,
  type ConfirmErasureState,
  type SendLinkState,
} from "@/lib/erasure/erasure-schema";
import { requestErasure } from "@/lib/erasure/request-erasure";
import { sendErasureConfirmationLink } from "@/lib/erasure/send-erasure-link";
import type { Locale } from "@/lib/i18n/locales";

export async function requestErasureAction(
  _prev: ConfirmErasureState,
  formData: FormData,
): Promise<ConfirmErasureState> {
  const parsed = parseFormData(confirmErasureSchema, formData);
  if (!parsed.success) {
    if (parsed.error.issues.some((issue) => issue.path[0] === "understand")) {
      const message = (await getTranslations("erasure"))("understandRequired");
      return { ok: false, message, fieldErrors: { understand: message } };
    }
    return invalidInput(parsed.error);
  }
  try {
    const { scheduledFor } = await requestErasure(await currentActor());
    revalidatePath("/account", "layout");
    return { ok: true, scheduledFor: scheduledFor.toISOString() };
  } catch (error) {
    const failure = await actionFailure(error, "request erasure");
    return isAppError(error) && error.messageKey === "reauthRequired" ? { ...failure, reauth: true } : failure;
  }
}

export async function cancelErasureAction(_prev: CancelErasureState, formData: FormData): Promise<CancelErasureState> {
  const parsed = parseFormData(cancelErasureSchema, formData);
  if (!parsed.success) return invalidInput(parsed.error);
  try {
    await cancelErasure(await currentActor(), parsed.data.requestId);
    revalidatePath("/account", "layout");
    return { ok: true };
  } catch (error) {
    return actionFailure(error, "cancel erasure");
  }
}

export async function sendErasureLinkAction(_prev: SendLinkState, formData: FormData): Promise<SendLinkState> {
  const parsed = parseFormData(emptyFormSchema, formData);
  if (!parsed.success) return invalidInput(parsed.error);
  try {
    await sendErasureConfirmationLink(await currentActor(), (await getLocale()) as Locale);
    return { ok: true };
  } catch (error) {
    return actionFailure(error, "send erasure confirmation link");
  }
}
