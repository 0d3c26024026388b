"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { actionFailure, invalidInput } from "@/lib/actions/result";
import { parseFormData } from "@/lib/actions/form-data";
import { currentActor } from "@/lib/auth/current-actor";
import { setConsentSchema, type ConsentActionState } from "@/lib/consent/consent-schema";
import { setConsent } from "@/lib/consent/set-consent";
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
    return { ok: true, purposeKey: result.purposeKey, granted: result.granted, method: parsed.data.method };
  } catch (error) {
    return actionFailure(error, "set consent");
  }
}
