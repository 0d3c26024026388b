"use server";

import { revalidatePath } from "next/cache";
import { getTranslations } from "next-intl/server";
import { parseFormData } from "@/lib/actions/form-data";
import { actionFailure, invalidInput, type ActionFailure } from "@/lib/actions/result";
import { currentSessionToken } from "@/lib/auth/current-session";
import { currentActor } from "@/lib/current-actor";
import { isAppError } from "@/lib/errors";
import { revokeOtherSessions } from "@/lib/sessions/revoke-other-sessions";
import { revokeSession } from "@/lib/sessions/revoke-session";
import { revokeOtherSessionsSchema, revokeSessionSchema, type RevokeSessionState } from "@/lib/sessions/session-schema";

export async function revokeSessionAction(_prev: RevokeSessionState, formData: FormData): Promise<RevokeSessionState> {
  const parsed = parseFormData(revokeSessionSchema, formData);
  if (!parsed.success) return invalidInput(parsed.error);
  try {
    await revokeSession(await currentActor(), {
      sessionId: parsed.data.sessionId,
      currentSessionToken: await currentSessionToken(),
    });
    revalidatePath("/account/devices");
    return { ok: true, revoked: 1 };
  } catch (error) {
    return failure(error, "revoke session");
  }
}

export async function revokeOtherSessionsAction(
  _prev: RevokeSessionState,
  formData: FormData,
): Promise<RevokeSessionState> {
  const parsed = parseFormData(revokeOtherSessionsSchema, formData);
  if (!parsed.success) return invalidInput(parsed.error);
  try {
    const { revoked } = await revokeOtherSessions(await currentActor(), {
      currentSessionToken: await currentSessionToken(),
    });
    revalidatePath("/account/devices");
    return { ok: true, revoked };
  } catch (error) {
    return failure(error, "revoke other sessions");
  }
}

async function failure(error: unknown, context: string): Promise<ActionFailure> {
  if (isAppError(error) && error.code === "not_found") {
    return { ok: false, message: (await getTranslations("devices"))("sessionNotFound"), fieldErrors: {} };
  }
  return actionFailure(error, context);
}
