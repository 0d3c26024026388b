"use server";

import { getLocale } from "next-intl/server";
import type { FormAction } from "@/lib/actions/types";
import { defineAction } from "@/lib/define-action";
import type { Locale } from "@/lib/i18n/locales";
import { openCustomer, openCustomerWithSupportCode } from "@/lib/support/open-customer";
import { openCustomerSchema, openWithSupportCodeSchema, revealFieldSchema } from "@/lib/support/open-customer-schema";
import type { OpenCustomerState, RevealFieldState } from "@/lib/support/open-customer-state";
import { revealCustomerField } from "@/lib/support/reveal-field";

// Each successful call is one logged look at the customer; the view goes back to the form
// (client state), never into a page or cache, so a reload asks for a reason again.
const staffForm = {
  area: "support",
  messages: "staff.support",
  refusal: "fields",
  hiddenFields: { customerId: "customerNotFound" },
  flags: { browsingLimit: { browsingLimit: true } },
} as const;

export const openCustomerAction: FormAction<OpenCustomerState> = defineAction({
  ...staffForm,
  name: "open customer",
  schema: openCustomerSchema,
  keepValues: true,
  principal: "actor",
  run: async (actor, input) => openCustomer(actor, input, (await getLocale()) as Locale),
  ok: (view) => ({ view }),
});

export const openWithSupportCodeAction: FormAction<OpenCustomerState> = defineAction({
  ...staffForm,
  name: "open customer with support code",
  schema: openWithSupportCodeSchema,
  principal: "actor",
  run: async (actor, input) => openCustomerWithSupportCode(actor, input, (await getLocale()) as Locale),
  ok: (view) => ({ view }),
});

export const revealFieldAction: FormAction<RevealFieldState> = defineAction({
  ...staffForm,
  name: "reveal customer field",
  schema: revealFieldSchema,
  hiddenFields: { customerId: "customerNotFound", field: "unknownField" },
  principal: "actor",
  run: revealCustomerField,
  ok: (revealed) => ({ revealed }),
});
