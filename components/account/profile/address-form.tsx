"use client";

import { useTranslations } from "next-intl";
import { useRef } from "react";
import { Button } from "@/components/ui/button";
import type { AddressDto } from "@/lib/profile/get-profile";
import { addressCountries, addressLabels } from "@/lib/profile/address-options";
import type { ProfileFormState } from "@/lib/profile/profile-schema";
import { FormOutcome, SelectField, TextField } from "@/components/ui/field";
import { useFocusFirstError } from "@/components/ui/use-focus-first-error";

/** The fields of one address; used to add one (no `address`) and to correct one. */
export function AddressForm({
  idPrefix,
  address,
  state,
  formAction,
  isPending,
  submitLabel,
}: {
  idPrefix: string;
  address?: AddressDto;
  state: ProfileFormState;
  formAction: (formData: FormData) => void;
  isPending: boolean;
  submitLabel: string;
}) {
  const t = useTranslations("profile");
  const form = useRef<HTMLFormElement>(null);
  useFocusFirstError(form, state);
  const values = state && !state.ok && state.values ? state.values : undefined;
  const errors = state && !state.ok ? state.fieldErrors : {};
  const id = (field: string) => `${idPrefix}-${field}`;
  const value = (field: "line1" | "line2" | "postcode" | "city", stored?: string | null) =>
    values?.[field] ?? stored ?? "";
  return (
    <form
      ref={form}
      action={formAction}
      noValidate
      className="space-y-4"
      aria-describedby={state && !state.ok ? id("form-error") : undefined}
    >
      {address ? <input type="hidden" name="id" value={address.id} /> : null}
      <SelectField
        id={id("label")}
        name="label"
        label={t("label")}
        defaultValue={values?.label ?? address?.label ?? "home"}
        error={errors.label}
        options={addressLabels.map((label) => ({ value: label, label: t(`labelName.${label}`) }))}
      />
      <TextField
        id={id("line1")}
        name="line1"
        label={t("line1")}
        autoComplete="address-line1"
        required
        defaultValue={value("line1", address?.line1)}
        error={errors.line1}
      />
      <TextField
        id={id("line2")}
        name="line2"
        label={t("line2")}
        autoComplete="address-line2"
        defaultValue={value("line2", address?.line2)}
        error={errors.line2}
      />
      <div className="grid gap-4 sm:grid-cols-[10rem_1fr]">
        <TextField
          id={id("postcode")}
          name="postcode"
          label={t("postcode")}
          autoComplete="postal-code"
          required
          defaultValue={value("postcode", address?.postcode)}
          hint={t("postcodeHint")}
          error={errors.postcode}
        />
        <TextField
          id={id("city")}
          name="city"
          label={t("city")}
          autoComplete="address-level2"
          required
          defaultValue={value("city", address?.city)}
          error={errors.city}
        />
      </div>
      <SelectField
        id={id("country")}
        name="country"
        label={t("country")}
        autoComplete="country"
        defaultValue={values?.country ?? address?.country ?? "NO"}
        error={errors.country}
        options={addressCountries.map((code) => ({ value: code, label: t(`countries.${code}`) }))}
      />
      {address?.isPrimary ? null : (
        <div className="flex items-center gap-2">
          <input
            id={id("makePrimary")}
            name="makePrimary"
            type="checkbox"
            defaultChecked={values ? values.makePrimary === "on" : false}
            aria-invalid={errors.makePrimary ? true : undefined}
            aria-describedby={errors.makePrimary ? id("makePrimary-error") : undefined}
            className="size-5 accent-brand-700"
          />
          <label htmlFor={id("makePrimary")}>{t("makePrimaryCheckbox")}</label>
          {errors.makePrimary ? (
            <p id={id("makePrimary-error")} className="text-sm font-medium text-red-800">
              {errors.makePrimary}
            </p>
          ) : null}
        </div>
      )}
      <FormOutcome id={id("form-error")} state={state} formError={errors.form ?? errors.id} />
      <Button type="submit" aria-disabled={isPending} onClick={(e) => isPending && e.preventDefault()}>
        {isPending ? t("saving") : submitLabel}
      </Button>
    </form>
  );
}
