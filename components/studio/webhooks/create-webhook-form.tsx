"use client";

import { useTranslations } from "next-intl";
import { useActionState, useRef, useTransition, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Choice, ChoiceGroup, FormOutcome, TextField } from "@/components/ui/field";
import { useFocusFirstError } from "@/components/ui/use-focus-first-error";
import type { FormAction } from "@/lib/actions/types";
import type { WebhookFormState } from "@/lib/integration/webhooks/webhook-form-state";

/** The new-subscription form; on success it shows the signing secret, once. */
export function CreateWebhookForm({
  action,
  clientId,
  eventTypes,
}: {
  action: FormAction<WebhookFormState>;
  clientId: string;
  eventTypes: readonly string[];
}) {
  const t = useTranslations("webhooks");
  const [state, formAction, isPending] = useActionState<WebhookFormState, FormData>(action, null);
  const form = useRef<HTMLFormElement>(null);
  useFocusFirstError(form, state);
  const errors = state && !state.ok ? state.fieldErrors : {};
  const sent = state && !state.ok ? state.values : undefined;
  const [, startTransition] = useTransition();
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (isPending) return;
    const data = new FormData(event.currentTarget);
    startTransition(() => formAction(data));
  };
  const secret = state?.ok ? state.secret : undefined;
  return (
    <div className="space-y-4">
      <form
        ref={form}
        action={formAction}
        onSubmit={submit}
        noValidate
        className="space-y-4"
        aria-describedby={state && !state.ok ? "webhook-form-error" : undefined}
      >
        <input type="hidden" name="clientId" value={clientId} />
        <TextField
          id="url"
          name="url"
          type="url"
          label={t("create.url")}
          hint={t("create.urlHint")}
          autoComplete="off"
          spellCheck={false}
          defaultValue={sent?.url ?? ""}
          error={errors.url}
        />
        <ChoiceGroup id="eventTypes" legend={t("create.events")} error={errors.eventTypes}>
          {eventTypes.map((type, index) => (
            <Choice
              key={type}
              id={`eventTypes-${type.replace(".", "-")}`}
              type="checkbox"
              name="eventTypes"
              value={type}
              label={t(`eventTypes.${type}` as "eventTypes.consent.changed")}
              invalid={index === 0 && Boolean(errors.eventTypes)}
            />
          ))}
        </ChoiceGroup>
        <FormOutcome id="webhook-form-error" state={state} formError={errors.form} />
        <Button type="submit" aria-disabled={isPending} onClick={(e) => isPending && e.preventDefault()}>
          {t("create.submit")}
        </Button>
      </form>
      {secret ? (
        <section aria-labelledby="webhook-secret-title" className="card space-y-2 p-4">
          <h3 id="webhook-secret-title" className="font-semibold">
            {t("create.secretTitle")}
          </h3>
          <p>{t("create.secretNote")}</p>
          <p>
            <code className="break-all" data-testid="webhook-secret">
              {secret}
            </code>
          </p>
        </section>
      ) : null}
    </div>
  );
}
