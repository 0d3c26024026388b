"use server";

import { revalidatePath } from "next/cache";
import { getTranslations } from "next-intl/server";
import { parseFormData } from "@/lib/actions/form-data";
import { actionFailure, invalidInput } from "@/lib/actions/result";
import { currentActor } from "@/lib/current-actor";
import { rejectInference } from "@/lib/data-inventory/reject-inference";
import { rejectInferenceSchema, type RejectInferenceState } from "@/lib/data-inventory/reject-inference-schema";
import { isAppError } from "@/lib/errors";
import { resolveLocale } from "@/lib/i18n/request";

export async function rejectInferenceAction(
  _prev: RejectInferenceState,
  formData: FormData,
): Promise<RejectInferenceState> {
  const parsed = parseFormData(rejectInferenceSchema, formData);
  if (!parsed.success) return invalidInput(parsed.error);
  try {
    const rejected = await rejectInference(await currentActor(), parsed.data);
    revalidatePath("/account", "layout");
    return { ok: true, inferenceId: rejected.id, label: rejected.label[await resolveLocale()] };
  } catch (error) {
    if (isAppError(error) && error.code === "not_found") {
      return { ok: false, message: (await getTranslations("data.inferences"))("notFound"), fieldErrors: {} };
    }
    return actionFailure(error, "reject inference");
  }
}
