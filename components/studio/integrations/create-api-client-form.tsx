"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useActionState, useEffect, useRef, useTransition, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Choice, ChoiceGroup, FormOutcome, TextField } from "@/components/ui/field";
import { useFocusFirstError } from "@/components/ui/use-focus-first-error";
import type { FormAction } from "@/lib/actions/types";
import type { ApiClientFormState } from "@/lib/integration/api-client-schema";
import { OneTimeToken } from "./one-time-token";

/** Creates an API client; its token is shown once, below the form, from the action's result. */
export function CreateApiClientForm({
  action,
  scopes,
}: {
  action: FormAction<ApiClientFormState>;
  scopes: readonly string[];
}) {
  const t = useTranslations("studio.integrations");
  const [state, formAction, isPending] = useActionState<ApiClientFormState, FormData>(action, null);
  const form = useRef<HTMLFormElement>(null);
  useFocusFirstError(form, state);
  const errors = state && !state.ok ? state.fieldErrors : {};
  const sent = state && !state.ok ? state.values : undefined;
  // Sent by hand, so that React does not reset the form after a refusal; a success clears it.
  const [, startTransition] = useTransition();
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (isPending) return;
    const data = new FormData(event.currentTarget);
    startTransition(async () => {
      await formAction(data);
    });
  };
  const created = state?.ok && state.token && state.clientId ? state : null;
  // A created client clears the form for the next one; a refused one keeps what was typed.
  useEffect(() => {
    if (created) form.current?.reset();
  }, [created]);
  return (
    <div className="space-y-4">
      <form
        ref={form}
        action={formAction}
        onSubmit={submit}
        noValidate
        className="space-y-4"
        aria-describedby={state && !state.ok ? "create-client-error" : undefined}
      >
        <TextField
          id="name"
          name="name"
          label={t("nameLabel")}
          hint={t("nameHint")}
          required
          maxLength={200}
          autoComplete="off"
          defaultValue={sent?.name ?? ""}
          error={errors.name}
        />
        <ChoiceGroup id="scopes" legend={t("scopesLegend")} hint={t("scopesHint")} error={errors.scopes}>
          {scopes.map((scope, i) => (
            <Choice
              key={scope}
              type="checkbox"
              id={`scope-${scope.replaceAll(".", "-")}`}
              name="scopes"
              value={scope}
              label={t(`scopeLabel.${scope}`)}
              note={t(`scopeExplain.${scope}`)}
              invalid={i === 0 && Boolean(errors.scopes)}
            />
          ))}
        </ChoiceGroup>
        <TextField
          id="country"
          name="country"
          label={t("countryLabel")}
          hint={t("countryHint")}
          required
          maxLength={2}
          autoComplete="off"
          spellCheck={false}
          className="input w-24 uppercase"
          defaultValue={sent?.country ?? "NO"}
          error={errors.country}
        />
        <FormOutcome id="create-client-error" state={state} />
        <Button type="submit" aria-disabled={isPending}>
          {t("createButton")}
        </Button>
      </form>
      {created ? (
        <div className="space-y-2">
          <OneTimeToken id="new-client-token" token={created.token!} />
          <Link href={`/studio/integrations/${created.clientId}`} className="link">
            {t("toClient", { name: created.name ?? "" })}
          </Link>
        </div>
      ) : null}
    </div>
  );
}
