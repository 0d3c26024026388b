"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import type { FormAction } from "@/lib/actions/types";
import type { UnsubscribeByLinkState } from "@/lib/consent/unsubscribe-schema";

/** The one press that switches the purpose off; opening the page did nothing. */
export function UnsubscribeButton(props: {
  token: string;
  action: FormAction<UnsubscribeByLinkState>;
  label: string;
  pendingLabel: string;
}) {
  const [state, formAction, pending] = useActionState<UnsubscribeByLinkState, FormData>(props.action, null);
  return (
    <form action={formAction} className="space-y-3" aria-describedby={state && !state.ok ? "unsubscribe-error" : undefined}>
      <input type="hidden" name="token" value={props.token} />
      <input type="hidden" name="List-Unsubscribe" value="One-Click" />
      <Button type="submit" aria-disabled={pending} onClick={(e) => pending && e.preventDefault()}>
        {pending ? props.pendingLabel : props.label}
      </Button>
      {state && !state.ok ? (
        <p id="unsubscribe-error" role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-900">
          {state.message}
        </p>
      ) : null}
    </form>
  );
}
