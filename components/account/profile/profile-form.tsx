"use client";

import { useTranslations } from "next-intl";
import { useActionState, useRef } from "react";
import { Button } from "@/components/ui/button";
import type { FormAction } from "@/lib/actions/types";
import type { ProfileFormState } from "@/lib/profile/profile-schema";
import { FormOutcome, TextField } from "@/components/ui/field";
import { useFocusFirstError } from "@/components/ui/use-focus-first-error";

export type ProfileFormValues = { givenName: string; familyName: string; phone: string | null };

export function ProfileForm({ action, profile }: { action: FormAction<ProfileFormState>; profile: ProfileFormValues }) {
  const t = useTranslations("profile");
  const [state, formAction, isPending] = useActionState<ProfileFormState, FormData>(action, null);
  const form = useRef<HTMLFormElement>(null);
  useFocusFirstError(form, state);
  // A refused form keeps what was typed; otherwise it shows what is stored.
  const values = state && !state.ok && state.values ? state.values : undefined;
  const errors = state && !state.ok ? state.fieldErrors : {};
  return (
    <form
      ref={form}
      action={formAction}
      noValidate
      className="space-y-4"
      aria-describedby={state && !state.ok ? "profile-form-error" : undefined}
    >
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          id="givenName"
          name="givenName"
          label={t("givenName")}
          autoComplete="given-name"
          required
          defaultValue={values?.givenName ?? profile.givenName}
          error={errors.givenName}
        />
        <TextField
          id="familyName"
          name="familyName"
          label={t("familyName")}
          autoComplete="family-name"
          required
          defaultValue={values?.familyName ?? profile.familyName}
          error={errors.familyName}
        />
      </div>
      <TextField
        id="phone"
        name="phone"
        type="tel"
        label={t("phone")}
        autoComplete="tel"
        inputMode="tel"
        defaultValue={values?.phone ?? profile.phone ?? ""}
        hint={t("phoneHint")}
        error={errors.phone}
      />
      <FormOutcome id="profile-form-error" state={state} formError={errors.form} />
      <Button type="submit" aria-disabled={isPending} onClick={(e) => isPending && e.preventDefault()}>
        {isPending ? t("saving") : t("saveDetails")}
      </Button>
    </form>
  );
}
