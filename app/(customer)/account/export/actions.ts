"use server";

import { revalidatePath } from "next/cache";
import { parseFormData } from "@/lib/actions/form-data";
import { actionFailure, invalidInput } from "@/lib/actions/result";
import { assertCustomer } from "@/lib/auth/permissions";
import { sendFreshSignInLink } from "@/lib/auth/recent-sign-in";
import { currentActor } from "@/lib/current-actor";
import { isAppError } from "@/lib/errors";
import {
  sendExportSignInLinkSchema,
  startExportSchema,
  type SendExportSignInLinkState,
  type StartExportState,
} from "@/lib/export/export-form";
import { startExport } from "@/lib/export/start-export";
import { resolveLocale } from "@/lib/i18n/request";

export async function startExportAction(_prev: StartExportState, formData: FormData): Promise<StartExportState> {
  const parsed = parseFormData(startExportSchema, formData);
  if (!parsed.success) return invalidInput(parsed.error);
  try {
    const { mode } = await startExport(await currentActor(), { locale: await resolveLocale() });
    revalidatePath("/account", "layout");
    return { ok: true, mode };
  } catch (error) {
    const failure = await actionFailure(error, "start export");
    return isAppError(error) && error.messageKey === "reauthRequired" ? { ...failure, reauth: true } : failure;
  }
}

export async function sendExportSignInLinkAction(
  _prev: SendExportSignInLinkState,
  formData: FormData,
): Promise<SendExportSignInLinkState> {
  const parsed = parseFormData(sendExportSignInLinkSchema, formData);
  if (!parsed.success) return invalidInput(parsed.error);
  try {
    const customer = assertCustomer(await currentActor(), "data.export.own");
    await sendFreshSignInLink(customer, { returnTo: "/account/export", locale: await resolveLocale() });
    return { ok: true };
  } catch (error) {
    return actionFailure(error, "send export sign-in link");
  }
}
