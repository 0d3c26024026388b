"use client";

import { useActionState, useEffect, useRef } from "react";
import { Button } from "@/components/ui/button";
import type { FormAction } from "@/lib/actions/types";
import type { ConsentActionState } from "@/lib/consent/consent-schema";

type Choice = { granted: boolean; label: string };

/**
 * One or more equal-weight buttons that each post a choice for a purpose (re-consent
 * prompt, renewal, objection). A real form, so it works before JavaScript has loaded.
 */
export function ConsentChoiceForm(props: {
  action: FormAction<ConsentActionState>;
  purposeKey: string;
  purposeVersion: number;
  method: "switch" | "reconsent_prompt" | "renewal";
  choices: Choice[];
  describedBy: string;
  /** More of what the screen showed, posted with the choice (the re-consent prompt's agreed version). */
  hiddenFields?: Record<string, string>;
  /** Announced after the choice is saved. */
  doneMessages: { granted: string; withdrawn: string };
}) {
  const [state, formAction, isPending] = useActionState<ConsentActionState, FormData>(props.action, null);
  const errorId = `${props.describedBy}-${props.method}-error`;
  // A prompt (re-consent, renewal) is answered once: then only the confirmation remains.
  const answered = state?.ok === true && props.method !== "switch";
  const statusRef = useRef<HTMLParagraphElement>(null);
  // The pressed button disappears with the answer: keep keyboard focus where the answer is.
  useEffect(() => {
    if (answered) statusRef.current?.focus();
  }, [answered]);
  return (
    <form action={formAction} className="space-y-2">
      <input type="hidden" name="purposeKey" value={props.purposeKey} />
      <input type="hidden" name="purposeVersion" value={props.purposeVersion} />
      <input type="hidden" name="method" value={props.method} />
      {Object.entries(props.hiddenFields ?? {}).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <div className="flex flex-wrap gap-3" hidden={answered}>
        {props.choices.map((choice) => (
          // Same size and weight for every choice: no option is the "easy" one.
          <Button
            key={String(choice.granted)}
            type="submit"
            name="granted"
            value={String(choice.granted)}
            variant="secondary"
            aria-describedby={state && !state.ok ? `${errorId} ${props.describedBy}` : props.describedBy}
            aria-disabled={isPending || undefined}
            onClick={(event) => isPending && event.preventDefault()}
          >
            {choice.label}
          </Button>
        ))}
      </div>
      <p ref={statusRef} tabIndex={-1} role="status" className="text-sm font-medium">
        {state?.ok ? (state.granted ? props.doneMessages.granted : props.doneMessages.withdrawn) : ""}
      </p>
      {state && !state.ok ? (
        <p id={errorId} role="alert" className="text-sm text-red-800">
          {state.message}
        </p>
      ) : null}
    </form>
  );
}
