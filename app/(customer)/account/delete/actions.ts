"use server";

import { getLocale } from "next-intl/server";
import { defineAction } from "@/lib/define-action";
import type { FormAction } from "@/lib/actions/types";
import { cancelErasure } from "@/lib/erasure/cancel-erasure";
import {
  cancelErasureSchema,
  confirmErasureSchema,
  emptyFormSchema,
  type CancelErasureState,
  type ConfirmErasureState,
  type SendLinkState,
} from "@/lib/erasure/erasure-schema";
import { requestErasure } from "@/lib/erasure/request-erasure";
import { sendErasureConfirmationLink } from "@/lib/erasure/send-erasure-link";
import type { Locale } from "@/lib/i18n/locales";

export const requestErasureAction: FormAction<ConfirmErasureState> = defineAction({
  name: "request erasure",
  schema: confirmErasureSchema,
  messages: "erasure",
  // The unticked "I understand" box is the whole answer (erasure.fieldErrors).
  refusal: "first-field",
  // Without a recent sign-in, the page offers a fresh link.
  flags: { reauthRequired: { reauth: true } },
  principal: "actor",
  run: (actor) => requestErasure(actor),
  revalidate: { path: "/account", type: "layout" },
  ok: ({ scheduledFor }) => ({ scheduledFor: scheduledFor.toISOString() }),
});

export const cancelErasureAction: FormAction<CancelErasureState> = defineAction({
  name: "cancel erasure",
  schema: cancelErasureSchema,
  messages: "erasure",
  principal: "actor",
  run: (actor, { requestId }) => cancelErasure(actor, requestId),
  revalidate: { path: "/account", type: "layout" },
});

export const sendErasureLinkAction: FormAction<SendLinkState> = defineAction({
  name: "send erasure confirmation link",
  schema: emptyFormSchema,
  messages: "erasure",
  principal: "actor",
  run: async (actor) => sendErasureConfirmationLink(actor, (await getLocale()) as Locale),
});
