"use server";

import { z } from "zod";
import type { FormAction } from "@/lib/actions/types";
import { defineAction } from "@/lib/define-action";
import { issueSupportCode } from "@/lib/support/support-codes";
import type { SupportCodeFormState } from "@/lib/support/support-code-state";

export const issueSupportCodeAction: FormAction<SupportCodeFormState> = defineAction({
  name: "issue support code",
  schema: z.strictObject({}),
  messages: "access.supportCode",
  refusal: "form",
  principal: "actor",
  run: (actor) => issueSupportCode(actor),
  // The status below the code (active, then used once an agent has used it).
  revalidate: { path: "/account/support-code" },
  ok: ({ code, expiresAt }) => ({ code, expiresAt }),
});
