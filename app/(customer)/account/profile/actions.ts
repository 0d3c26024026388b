"use server";

import { revalidatePath } from "next/cache";
import { getTranslations } from "next-intl/server";
import { parseFormData } from "@/lib/actions/form-data";
import { currentActor } from "@/lib/current-actor";
import { profileActionFailure, profileInvalidInput, sentValues } from "@/lib/profile/action-messages";
import { makePrimaryAddress } from "@/lib/profile/make-primary-address";
import {
  addressIdSchema,
  saveAddressSchema,
  updateProfileSchema,
  type ProfileFormState,
} from "@/lib/profile/profile-schema";
import { removeAddress } from "@/lib/profile/remove-address";
import { saveAddress } from "@/lib/profile/save-address";
import { updateProfile } from "@/lib/profile/update-profile";

// Revalidates the whole account area: the overview and the data page show these details too.
const revalidateAccount = () => revalidatePath("/account", "layout");

export async function updateProfileAction(_prev: ProfileFormState, formData: FormData): Promise<ProfileFormState> {
  const values = sentValues(formData);
  const parsed = parseFormData(updateProfileSchema, formData);
  if (!parsed.success) return { ...(await profileInvalidInput(parsed.error)), values };
  try {
    const result = await updateProfile(await currentActor(), parsed.data);
    revalidateAccount();
    const t = await getTranslations("profile");
    return { ok: true, message: result.changedFields.length > 0 ? t("detailsSaved") : t("nothingChanged") };
  } catch (error) {
    return { ...(await profileActionFailure(error, "update profile")), values };
  }
}

export async function saveAddressAction(_prev: ProfileFormState, formData: FormData): Promise<ProfileFormState> {
  const values = sentValues(formData);
  const parsed = parseFormData(saveAddressSchema, formData);
  if (!parsed.success) return { ...(await profileInvalidInput(parsed.error)), values };
  try {
    const result = await saveAddress(await currentActor(), parsed.data);
    revalidateAccount();
    const t = await getTranslations("profile");
    const message = { added: "addressAdded", updated: "addressSaved", unchanged: "addressUnchanged" } as const;
    return { ok: true, message: t(message[result.action]) };
  } catch (error) {
    return { ...(await profileActionFailure(error, "save address")), values };
  }
}

export async function removeAddressAction(_prev: ProfileFormState, formData: FormData): Promise<ProfileFormState> {
  const parsed = parseFormData(addressIdSchema, formData);
  if (!parsed.success) return profileInvalidInput(parsed.error);
  try {
    const result = await removeAddress(await currentActor(), parsed.data);
    revalidateAccount();
    const t = await getTranslations("profile");
    return { ok: true, message: result.newPrimaryId ? t("addressRemovedNewPrimary") : t("addressRemoved") };
  } catch (error) {
    return profileActionFailure(error, "remove address");
  }
}

export async function makePrimaryAddressAction(_prev: ProfileFormState, formData: FormData): Promise<ProfileFormState> {
  const parsed = parseFormData(addressIdSchema, formData);
  if (!parsed.success) return profileInvalidInput(parsed.error);
  try {
    const result = await makePrimaryAddress(await currentActor(), parsed.data);
    revalidateAccount();
    const t = await getTranslations("profile");
    return { ok: true, message: result.changed ? t("primaryChanged") : t("alreadyPrimary") };
  } catch (error) {
    return profileActionFailure(error, "make primary address");
  }
}
