"use server";

import { redirect } from "next/navigation";
import { actionFailure, invalidInput } from "@/lib/actions/result";
import { parseFormData } from "@/lib/actions/form-data";
import { requestSignInLink } from "@/lib/auth/request-sign-in-link";
import { signInSchema, type SignInState } from "@/lib/auth/sign-in-schema";
import { resolveLocale } from "@/lib/i18n/request";
import { clientAddress } from "@/lib/security/client-address";

export async function requestSignInLinkAction(_prev: SignInState, formData: FormData): Promise<SignInState> {
  const parsed = parseFormData(signInSchema, formData);
  if (!parsed.success) return invalidInput(parsed.error);
  try {
    await requestSignInLink({ ...parsed.data, clientAddress: await clientAddress(), locale: await resolveLocale() });
  } catch (error) {
    return actionFailure(error, "sign-in request");
  }
  // Same destination whether or not the address is known.
  redirect("/signin/check-email");
}
