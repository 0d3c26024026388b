"use client";

import { useTranslations } from "next-intl";
import { useActionState, useCallback, useRef } from "react";
import { SwitchVisual } from "@/components/ui/switch-visual";
import type { FormAction } from "@/lib/actions/types";
import type { ConsentActionState } from "@/lib/consent/consent-schema";
import type { WithdrawalReasonState } from "@/lib/consent/withdrawal-reason-schema";
import { WithdrawalReason } from "./withdrawal-reason";

// A real form, so the switch also works before JavaScript has loaded.
export function ConsentSwitch(props: {
  action: FormAction<ConsentActionState>;
  purposeKey: string;
  purposeVersion: number;
  granted: boolean;
  labelId: string;
  describedBy: string;
  /** The optional, anonymous "why?" shown after a withdrawal. */
  giveReason?: FormAction<WithdrawalReasonState>;
}) {
  const t = useTranslations("purposes");
  const [state, formAction, isPending] = useActionState<ConsentActionState, FormData>(props.action, null);
  const granted = state?.ok ? state.granted : props.granted;
  const errorId = `${props.labelId}-error`;
  const switchRef = useRef<HTMLButtonElement>(null);
  const focusSwitch = useCallback(() => switchRef.current?.focus(), []);
  const reasonToken = state?.ok && !state.granted ? state.reasonToken : undefined;
  // `contents`: the switch's form and the "why?" that follows a withdrawal are laid out by
  // the row they sit in, so the question goes below the row instead of pushing the switch
  // away from its label.
  return (
    <div className="contents">
      <form action={formAction} className="flex flex-col items-end gap-1">
        <input type="hidden" name="purposeKey" value={props.purposeKey} />
        <input type="hidden" name="purposeVersion" value={props.purposeVersion} />
        <input type="hidden" name="granted" value={String(!granted)} />
        <button
          ref={switchRef}
          type="submit"
          role="switch"
          aria-checked={granted}
          aria-labelledby={props.labelId}
          aria-describedby={state && !state.ok ? `${errorId} ${props.describedBy}` : props.describedBy}
          aria-busy={isPending || undefined}
          onClick={(event) => isPending && event.preventDefault()}
          className="switch"
        >
          <SwitchVisual on={granted} />
          <span aria-hidden="true" className="switch-word">
            {granted ? t("on") : t("off")}
          </span>
        </button>
        <span role="status" className="sr-only">
          {state?.ok ? (state.granted ? t("grantedNow") : t("withdrawnNow")) : ""}
        </span>
        {state && !state.ok ? (
          <p id={errorId} role="alert" className="max-w-56 text-right text-sm text-red-800">
            {state.message}
          </p>
        ) : null}
      </form>
      {props.giveReason && reasonToken ? (
        <WithdrawalReason
          key={reasonToken}
          action={props.giveReason}
          purposeKey={props.purposeKey}
          token={reasonToken}
          onDone={focusSwitch}
        />
      ) : null}
    </div>
  );
}
