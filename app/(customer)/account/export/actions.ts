"use server";

import { defineAction } from "@/lib/define-action";
import type { FormAction } from "@/lib/actions/types";
import { assertCustomer } from "@/lib/auth/permissions";
import { sendFreshSignInLink } from "@/lib/auth/recent-sign-in";
import {
  sendExportSignInLinkSchema,
  startExportSchema,
  type SendExportSignInLinkState,
  type StartExportState,
} from "@/lib/export/export-form";
import { startExport } from "@/lib/export/start-export";
import { resolveLocale } from "@/lib/i18n/request";

export const startExportAction: FormAction<StartExportState> = defineAction({
  name: "start export",
  schema: startExportSchema,
  // Without a recent sign-in, the page offers a fresh link.
  flags: { reauthRequired: { reauth: true } },
  principal: "actor",
  run: async (actor) => startExport(actor, { locale: await resolveLocale() }),
  revalidate: { path: "/account", type: "layout" },
  ok: ({ mode }) => ({ mode }),
});

export const sendExportSignInLinkAction: FormAction<SendExportSignInLinkState> = defineAction({
  name: "send export sign-in link",
  schema: sendExportSignInLinkSchema,
  principal: "actor",
  run: async (actor) =>
    sendFreshSignInLink(assertCustomer(actor, "data.export.own"), {
      returnTo: "/account/export",
      locale: await resolveLocale(),
    }),
});
