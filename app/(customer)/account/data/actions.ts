"use server";

import { defineAction } from "@/lib/define-action";
import type { FormAction } from "@/lib/actions/types";
import { rejectInference } from "@/lib/data-inventory/reject-inference";
import { rejectInferenceSchema, type RejectInferenceState } from "@/lib/data-inventory/reject-inference-schema";
import { resolveLocale } from "@/lib/i18n/request";

export const rejectInferenceAction: FormAction<RejectInferenceState> = defineAction({
  name: "reject inference",
  schema: rejectInferenceSchema,
  messages: "data.inferences",
  principal: "actor",
  run: rejectInference,
  revalidate: { path: "/account", type: "layout" },
  ok: async (rejected) => ({ inferenceId: rejected.id, label: rejected.label[await resolveLocale()] }),
});
