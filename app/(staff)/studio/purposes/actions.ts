"use server";

import type { FormAction } from "@/lib/actions/types";
import { setConsentSchema, type ConsentActionState } from "@/lib/consent/consent-schema";
import { defineAction } from "@/lib/define-action";
import { AppError } from "@/lib/errors";
import { publishPurposeDraft } from "@/lib/studio/publish-purpose-draft";
import {
  publishPurposeDraftSchema,
  retirePurposeSchema,
  savePurposeDraftSchema,
  type StudioFormState,
} from "@/lib/studio/purpose-draft-schema";
import { retirePurpose } from "@/lib/studio/retire-purpose";
import { savePurposeDraft } from "@/lib/studio/save-purpose-draft";

const revalidate = { path: "/studio", type: "layout" } as const;

export const savePurposeDraftAction: FormAction<StudioFormState> = defineAction({
  name: "save purpose draft",
  area: "studio",
  schema: savePurposeDraftSchema,
  messages: "studio",
  hiddenFields: { mode: "staleVersion", basedOnVersion: "staleVersion" },
  keepValues: true,
  principal: "actor",
  run: savePurposeDraft,
  revalidate,
  redirect: ({ key }) => `/studio/purposes/${key}?saved=1`,
});

export const publishPurposeDraftAction: FormAction<StudioFormState> = defineAction({
  name: "publish purpose draft",
  area: "studio",
  schema: publishPurposeDraftSchema,
  messages: "studio",
  hiddenFields: { key: "purposeNotFound", basedOnVersion: "staleVersion" },
  principal: "actor",
  run: publishPurposeDraft,
  revalidate,
  // The draft is gone once published: its page says so.
  redirect: ({ key, version }) => `/studio/purposes/${key}?published=${version}`,
});

export const retirePurposeAction: FormAction<StudioFormState> = defineAction({
  name: "retire purpose",
  area: "studio",
  schema: retirePurposeSchema,
  messages: "studio",
  refusal: "form",
  hiddenFields: { key: "purposeNotFound", version: "staleVersion" },
  principal: "actor",
  run: retirePurpose,
  revalidate,
  redirect: ({ key }) => `/studio/purposes/${key}?retired=1`,
});

/** The preview's switches: a product member sees them work as a customer's, but nothing is switched. */
export const previewConsentAction: FormAction<ConsentActionState> = defineAction({
  name: "preview consent",
  area: "studio",
  schema: setConsentSchema,
  messages: "studio",
  principal: "actor",
  run: async () => {
    throw new AppError("conflict", { messageKey: "previewOnly" });
  },
});
