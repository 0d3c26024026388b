"use server";

import { defineAction } from "@/lib/define-action";
import type { FormAction } from "@/lib/actions/types";
import { requestSignInLink } from "@/lib/auth/request-sign-in-link";
import { signInSchema, type SignInState } from "@/lib/auth/sign-in-schema";
import { resolveLocale } from "@/lib/i18n/request";
import { clientAddress } from "@/lib/security/client-address";

export const requestSignInLinkAction: FormAction<SignInState> = defineAction({
  name: "sign-in request",
  schema: signInSchema,
  principal: "none",
  run: async (input) =>
    requestSignInLink({ ...input, clientAddress: await clientAddress(), locale: await resolveLocale() }),
  // Same destination whether or not the address is known.
  redirect: () => "/signin/check-email",
});
