"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import type { FormAction } from "@/lib/actions/types";
import type { SignInState } from "@/lib/auth/sign-in-schema";

export function SignInForm({ action, submitLabel }: { action: FormAction<SignInState>; submitLabel?: string }) {
  const t = useTranslations("signIn");
  const [state, formAction, isPending] = useActionState<SignInState, FormData>(action, null);
  const emailError = state && !state.ok ? state.fieldErrors.email : undefined;
  const formError = state && !state.ok && !emailError ? state.message : undefined;
  return (
    <form
      action={formAction}
      noValidate
      className="space-y-4"
      aria-describedby={formError ? "signin-form-error" : undefined}
    >
      <div className="space-y-1">
        <label htmlFor="email" className="block font-medium">
          {t("emailLabel")}
        </label>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="email"
          inputMode="email"
          required
          maxLength={254}
          aria-invalid={emailError ? true : undefined}
          aria-describedby={emailError ? "email-error" : "email-hint"}
          className="input"
        />
        {emailError ? (
          <p id="email-error" className="text-sm text-red-800">
            {emailError}
          </p>
        ) : (
          <p id="email-hint" className="text-sm text-slate-700">
            {t("emailHint")}
          </p>
        )}
      </div>
      {formError ? (
        <p id="signin-form-error" role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-900">
          {formError}
        </p>
      ) : null}
      <Button type="submit" aria-disabled={isPending} onClick={(e) => isPending && e.preventDefault()}>
        {isPending ? t("sending") : (submitLabel ?? t("submit"))}
      </Button>
    </form>
  );
}
