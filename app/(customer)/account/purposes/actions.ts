"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { getTranslations } from "next-intl/server";
import { actionFailure, invalidInput, type ActionFailure } from "@/lib/actions/result";
import { fieldErrorKeys, parseFormData } from "@/lib/actions/form-data";
import { setConsentSchema, type ConsentActionState } from "@/lib/consent/consent-schema";
import { recordWithdrawalReason } from "@/lib/consent/record-withdrawal-reason";
import { setConsent } from "@/lib/consent/set-consent";
import { withdrawalReasonSchema, type WithdrawalReasonState } from "@/lib/consent/withdrawal-reason-schema";
import { issueWithdrawalReasonToken } from "@/lib/consent/withdrawal-reason-token";
import { currentActor } from "@/lib/current-actor";
import { isAppError } from "@/lib/errors";
import { resolveLocale } from "@/lib/i18n/request";

export async function setConsentAction(_prev: ConsentActionState, formData: FormData): Promise<ConsentActionState> {
  const parsed = parseFormData(setConsentSchema, formData);
  if (!parsed.success) return invalidInput(parsed.error);
  try {
    const h = await headers();
    const result = await setConsent(await currentActor(), {
      ...parsed.data,
      source: {
        channel: "web",
        userAgent: h.get("user-agent"),
        locale: await resolveLocale(),
        gpc: h.get("sec-gpc") === "1",
      },
    });
    // An answered prompt stays on screen with its confirmation instead of vanishing under
    // the customer's focus; the next navigation shows the new state.
    if (parsed.data.method === "switch") revalidatePath("/account", "layout");
    // A withdrawal just made may be followed by an anonymous "why?" (withdrawal-reason.tsx).
    const withdrawn = result.eventId !== null && !result.granted;
    return {
      ok: true,
      purposeKey: result.purposeKey,
      granted: result.granted,
      method: parsed.data.method,
      ...(withdrawn ? { reasonToken: await issueWithdrawalReasonToken(result.purposeKey) } : {}),
    };
  } catch (error) {
    return actionFailure(error, "set consent");
  }
}

/** The optional, anonymous reason after a withdrawal. The withdrawal itself is already done. */
export async function giveWithdrawalReasonAction(
  _prev: WithdrawalReasonState,
  formData: FormData,
): Promise<WithdrawalReasonState> {
  const t = await getTranslations("withdrawalReason");
  const refused = (key: "chooseReason" | "invalidToken" | "alreadyAnswered"): ActionFailure => ({
    ok: false,
    message: t(`errors.${key}`),
    fieldErrors: key === "chooseReason" ? { reason: t("errors.chooseReason") } : {},
  });
  const parsed = parseFormData(withdrawalReasonSchema, formData);
  if (!parsed.success) {
    const fields = fieldErrorKeys(parsed.error);
    if (fields.token || fields.purposeKey) return refused("invalidToken");
    if (fields.reason && Object.keys(fields).length === 1) return refused("chooseReason");
    return invalidInput(parsed.error);
  }
  try {
    await recordWithdrawalReason(await currentActor(), parsed.data);
    return { ok: true };
  } catch (error) {
    if (isAppError(error) && (error.messageKey === "invalidToken" || error.messageKey === "alreadyAnswered")) {
      return refused(error.messageKey);
    }
    return actionFailure(error, "withdrawal reason");
  }
}
