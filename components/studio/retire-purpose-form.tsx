"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { FormOutcome } from "@/components/ui/field";
import type { FormAction } from "@/lib/actions/types";
import type { StudioFormState } from "@/lib/studio/purpose-draft-schema";

export function RetirePurposeForm({
  action,
  purposeKey,
  version,
}: {
  action: FormAction<StudioFormState>;
  purposeKey: string;
  version: number;
}) {
  const t = useTranslations("studio.retire");
  const [state, formAction, isPending] = useActionState<StudioFormState, FormData>(action, null);
  return (
    <form action={formAction} className="space-y-3" aria-describedby="retire-explain">
      <input type="hidden" name="key" value={purposeKey} />
      <input type="hidden" name="version" value={version} />
      <FormOutcome id="retire-form-error" state={state} />
      {state?.ok ? null : (
        <Button
          type="submit"
          variant="secondary"
          aria-disabled={isPending}
          onClick={(e) => isPending && e.preventDefault()}
        >
          {t("button", { key: purposeKey })}
        </Button>
      )}
    </form>
  );
}
