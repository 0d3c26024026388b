"use server";

import { revalidatePath } from "next/cache";
import { getTranslations } from "next-intl/server";
import { parseFormData } from "@/lib/actions/form-data";
import { actionFailure, type ActionFailure } from "@/lib/actions/result";
import { currentActor } from "@/lib/current-actor";
import { isAppError } from "@/lib/errors";
import {
  changesFromForm,
  channelFormSchema,
  isPreferenceErrorKey,
  preferenceErrorKey,
  preferencesFormSchema,
  type ChannelPreferenceState,
  type PreferenceErrorKey,
  type SavePreferencesState,
} from "@/lib/preferences/preferences-schema";
import { setChannelForAllTopics } from "@/lib/preferences/set-channel-for-all-topics";
import { setCommunicationPreferences } from "@/lib/preferences/set-communication-preferences";

export async function savePreferencesAction(
  _prev: SavePreferencesState,
  formData: FormData,
): Promise<SavePreferencesState> {
  const parsed = parseFormData(preferencesFormSchema, formData);
  if (!parsed.success) return refusal(preferenceErrorKey(parsed.error));
  try {
    const { changed } = await setCommunicationPreferences(await currentActor(), changesFromForm(parsed.data));
    if (changed.length > 0) revalidatePath("/account", "layout");
    return { ok: true, changed };
  } catch (error) {
    return failure(error, "save preferences");
  }
}

export async function setChannelAction(
  _prev: ChannelPreferenceState,
  formData: FormData,
): Promise<ChannelPreferenceState> {
  const parsed = parseFormData(channelFormSchema, formData);
  if (!parsed.success) return refusal(preferenceErrorKey(parsed.error));
  try {
    const { channel, allowed } = parsed.data;
    const { changed } = await setChannelForAllTopics(await currentActor(), { channel, allowed });
    if (changed.length > 0) revalidatePath("/account", "layout");
    return { ok: true, channel, allowed, changed: changed.length };
  } catch (error) {
    return failure(error, "set channel for all topics");
  }
}

async function refusal(key: PreferenceErrorKey): Promise<ActionFailure> {
  const message = (await getTranslations("preferences"))(`errors.${key}`);
  return { ok: false, message, fieldErrors: { form: message } };
}

async function failure(error: unknown, context: string): Promise<ActionFailure> {
  if (isAppError(error) && error.code === "invalid" && isPreferenceErrorKey(error.messageKey)) {
    return refusal(error.messageKey);
  }
  return actionFailure(error, context);
}
