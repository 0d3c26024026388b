"use server";

import { headers } from "next/headers";
import { defineAction } from "@/lib/define-action";
import type { FormAction } from "@/lib/actions/types";
import { unsubscribeByLinkSchema, type UnsubscribeByLinkState } from "@/lib/consent/unsubscribe-schema";
import { withdrawByLink } from "@/lib/consent/withdraw-by-link";

/** The press of "Unsubscribe": the link itself is the principal, as in the one-click POST. */
export const unsubscribeByLinkAction: FormAction<UnsubscribeByLinkState> = defineAction({
  name: "unsubscribe by link",
  schema: unsubscribeByLinkSchema,
  hiddenFields: { token: "not_found" },
  principal: "none",
  run: async ({ token }) => withdrawByLink(token, { userAgent: (await headers()).get("user-agent") }),
  // The page shows what happened: `done` tells it the switch-off it now finds was this press.
  redirect: (result, { token }) =>
    `/unsubscribe/${encodeURIComponent(token)}${result.outcome === "invalid" ? "" : "?done=1"}`,
});
