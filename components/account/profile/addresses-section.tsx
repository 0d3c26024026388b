"use client";

import { useTranslations } from "next-intl";
import { useActionState, useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import type { FormAction } from "@/lib/actions/types";
import type { AddressDto } from "@/lib/profile/get-profile";
import type { ProfileFormState } from "@/lib/profile/profile-schema";
import { AddressForm } from "./address-form";

export type AddressActions = {
  save: FormAction<ProfileFormState>;
  remove: FormAction<ProfileFormState>;
  makePrimary: FormAction<ProfileFormState>;
};

/**
 * The customer's addresses. Adding, removing and making primary report here, at the
 * section, because the card or form they came from may be gone after the change.
 */
export function AddressesSection({
  addresses,
  actions,
  max,
  headingId,
}: {
  addresses: AddressDto[];
  actions: AddressActions;
  max: number;
  headingId: string;
}) {
  const t = useTranslations("profile");
  const [addState, addAction, adding] = useActionState<ProfileFormState, FormData>(actions.save, null);
  const [removeState, removeAction, removing] = useActionState<ProfileFormState, FormData>(actions.remove, null);
  const [primaryState, primaryAction, settingPrimary] = useActionState<ProfileFormState, FormData>(
    actions.makePrimary,
    null,
  );
  const [outcome, setOutcome] = useState<{ ok: boolean; message: string } | null>(null);
  const status = useRef<HTMLDivElement>(null);

  // The latest of the three outcomes; focus follows it, since the button pressed may be gone.
  useOutcome(addState, (s) => s.ok && setOutcome(s));
  useOutcome(removeState, (s) => {
    setOutcome(s);
    status.current?.focus();
  });
  useOutcome(primaryState, (s) => {
    setOutcome(s);
    status.current?.focus();
  });

  return (
    <div className="space-y-4">
      <div ref={status} tabIndex={-1}>
        <p role="status" className="font-medium text-brand-900">
          {outcome?.ok ? outcome.message : ""}
        </p>
        {outcome && !outcome.ok ? (
          <p role="alert" className="rounded-md bg-red-50 p-3 text-red-900">
            {outcome.message}
          </p>
        ) : null}
      </div>
      {addresses.length === 0 ? <p>{t("noAddresses")}</p> : null}
      <ul className="space-y-4" aria-labelledby={headingId}>
        {addresses.map((address) => (
          <li key={address.id} className="card p-5">
            <AddressCard
              address={address}
              save={actions.save}
              removeAction={removeAction}
              primaryAction={primaryAction}
              busy={removing || settingPrimary}
            />
          </li>
        ))}
      </ul>
      {addresses.length < max ? (
        <details className="card p-5">
          <summary className="summary">{t("addAddress")}</summary>
          <div className="mt-4">
            <AddressForm
              idPrefix="new-address"
              state={addState?.ok ? null : addState}
              formAction={addAction}
              isPending={adding}
              submitLabel={t("addAddressButton")}
            />
          </div>
        </details>
      ) : (
        <p>{t("addressLimitReached", { max })}</p>
      )}
    </div>
  );
}

/** Runs `then` once for each new state an action returns. */
function useOutcome(state: ProfileFormState, then: (state: NonNullable<ProfileFormState>) => void) {
  const seen = useRef<ProfileFormState>(null);
  useEffect(() => {
    if (!state || seen.current === state) return;
    seen.current = state;
    then(state);
  });
}

function AddressCard({
  address,
  save,
  removeAction,
  primaryAction,
  busy,
}: {
  address: AddressDto;
  save: FormAction<ProfileFormState>;
  removeAction: (formData: FormData) => void;
  primaryAction: (formData: FormData) => void;
  busy: boolean;
}) {
  const t = useTranslations("profile");
  const [editState, editAction, saving] = useActionState<ProfileFormState, FormData>(save, null);
  const headingId = `address-${address.id}-heading`;
  const country = (
    t.has(`countries.${address.country}`) ? t(`countries.${address.country}`) : address.country
  ) as string;
  return (
    <article aria-labelledby={headingId} className="space-y-3">
      <div className="flex flex-wrap items-center gap-2">
        <h3 id={headingId} className="text-lg font-semibold">
          {t(`labelName.${address.label}`)}
        </h3>
        {address.isPrimary ? (
          <span className="rounded-md bg-brand-100 px-2 py-0.5 text-sm font-medium text-brand-900">{t("primary")}</span>
        ) : null}
      </div>
      <p className="break-words">
        {address.line1}
        {address.line2 ? (
          <>
            <br />
            {address.line2}
          </>
        ) : null}
        <br />
        {address.postcode} {address.city}
        <br />
        {country}
      </p>
      <div className="flex flex-wrap gap-2">
        {address.isPrimary ? null : (
          <form action={primaryAction}>
            <input type="hidden" name="id" value={address.id} />
            <Button
              type="submit"
              variant="secondary"
              aria-label={t("makePrimaryOf", { line1: address.line1 })}
              aria-disabled={busy}
              onClick={(e) => busy && e.preventDefault()}
            >
              {t("makePrimary")}
            </Button>
          </form>
        )}
        <form action={removeAction}>
          <input type="hidden" name="id" value={address.id} />
          <Button
            type="submit"
            variant="secondary"
            aria-label={t("removeAddressOf", { line1: address.line1 })}
            aria-disabled={busy}
            onClick={(e) => busy && e.preventDefault()}
          >
            {t("removeAddress")}
          </Button>
        </form>
      </div>
      <details>
        <summary aria-label={t("editAddressOf", { line1: address.line1 })} className="summary">
          {t("editAddress")}
        </summary>
        <div className="mt-3">
          <AddressForm
            idPrefix={`address-${address.id}`}
            address={address}
            state={editState}
            formAction={editAction}
            isPending={saving}
            submitLabel={t("saveAddress")}
          />
        </div>
      </details>
    </article>
  );
}
