"use server";

import { getTranslations } from "next-intl/server";
import { defineAction } from "@/lib/define-action";
import type { FormAction } from "@/lib/actions/types";
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

// The whole account area: the overview and the data page show these details too.
const revalidate = { path: "/account", type: "layout" } as const;

/** The confirmation, in the customer's language (keys under `profile`). */
const saying = async (key: string) => ({ message: (await getTranslations("profile"))(key) });

export const updateProfileAction: FormAction<ProfileFormState> = defineAction({
  name: "update profile",
  schema: updateProfileSchema,
  messages: "profile",
  keepValues: true,
  principal: "actor",
  run: updateProfile,
  revalidate,
  ok: ({ changedFields }) => saying(changedFields.length > 0 ? "detailsSaved" : "nothingChanged"),
});

const addressSaved = { added: "addressAdded", updated: "addressSaved", unchanged: "addressUnchanged" } as const;

export const saveAddressAction: FormAction<ProfileFormState> = defineAction({
  name: "save address",
  schema: saveAddressSchema,
  messages: "profile",
  keepValues: true,
  principal: "actor",
  run: saveAddress,
  revalidate,
  ok: ({ action }) => saying(addressSaved[action]),
});

export const removeAddressAction: FormAction<ProfileFormState> = defineAction({
  name: "remove address",
  schema: addressIdSchema,
  messages: "profile",
  principal: "actor",
  run: removeAddress,
  revalidate,
  ok: ({ newPrimaryId }) => saying(newPrimaryId ? "addressRemovedNewPrimary" : "addressRemoved"),
});

export const makePrimaryAddressAction: FormAction<ProfileFormState> = defineAction({
  name: "make primary address",
  schema: addressIdSchema,
  messages: "profile",
  principal: "actor",
  run: makePrimaryAddress,
  revalidate,
  ok: ({ changed }) => saying(changed ? "primaryChanged" : "alreadyPrimary"),
});
