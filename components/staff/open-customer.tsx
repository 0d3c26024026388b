"use client";

import { useTranslations } from "next-intl";
import { useActionState, useRef } from "react";
import { Button } from "@/components/ui/button";
import { Choice, FormOutcome, RadioGroup, TextAreaField, TextField } from "@/components/ui/field";
import { useFocusFirstError } from "@/components/ui/use-focus-first-error";
import type { StaffJustification } from "@/lib/access-log/access-reasons";
import type { FormAction } from "@/lib/actions/types";
import { CASE_REFERENCE_MAX, REASON_MAX, SUPPORT_CODE_LENGTH } from "@/lib/support/open-customer-limits";
import type { OpenCustomerState, RevealFieldState } from "@/lib/support/open-customer-state";
import { CustomerView } from "./customer-view";

type Props = {
  customerId: string;
  /** The justification categories, in order (from the schema, which the browser does not load). */
  justifications: readonly StaffJustification[];
  browsingLimit: number;
  openAction: FormAction<OpenCustomerState>;
  openWithCodeAction: FormAction<OpenCustomerState>;
  revealAction: FormAction<RevealFieldState>;
};

type Opened = { via: "reason" | "code"; result: OpenCustomerState } | null;

/**
 * The open forms (with a reason, or with the customer's support code) and, once opened, the
 * view. The view lives only in this component's state: every look is one logged open, and
 * a reload asks again.
 */
export function OpenCustomer({
  customerId,
  justifications,
  browsingLimit,
  openAction,
  openWithCodeAction,
  revealAction,
}: Props) {
  const t = useTranslations("staff.support.open");
  const [opened, open, pending] = useActionState<Opened, FormData>(async (_previous, formData) => {
    const via = formData.get("via") === "code" ? "code" : "reason";
    formData.delete("via");
    return { via, result: await (via === "code" ? openWithCodeAction : openAction)(null, formData) };
  }, null);
  const reasonForm = useRef<HTMLFormElement>(null);
  const codeForm = useRef<HTMLFormElement>(null);
  useFocusFirstError(reasonForm, opened?.via === "reason" ? opened.result : null);
  useFocusFirstError(codeForm, opened?.via === "code" ? opened.result : null);

  if (opened?.result?.ok) {
    return <CustomerView view={opened.result.view} revealAction={revealAction} />;
  }
  const refused = (via: "reason" | "code") =>
    opened?.via === via && opened.result && !opened.result.ok ? opened.result : null;
  const byReason = refused("reason");
  const byCode = refused("code");
  const errors = byReason?.fieldErrors ?? {};
  const sent = byReason?.values ?? {};
  const browsing = (state: typeof byReason) =>
    state?.browsingLimit ? (
      <div className="panel space-y-2 border-amber-600 bg-amber-50">
        <p>{t("browsingWarning", { limit: browsingLimit })}</p>
        <Choice
          id={`confirm-${state === byCode ? "code" : "reason"}`}
          type="checkbox"
          name="confirmedBeyondLimit"
          label={t("confirmBeyondLimit")}
        />
      </div>
    ) : null;

  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <section aria-labelledby="reason-heading" className="card space-y-4">
        <h2 id="reason-heading" className="text-xl font-semibold">
          {t("reasonHeading")}
        </h2>
        <form ref={reasonForm} action={open} noValidate className="space-y-5">
          <input type="hidden" name="via" value="reason" />
          <input type="hidden" name="customerId" value={customerId} />
          <RadioGroup
            id="justification"
            legend={t("justificationLegend")}
            options={justifications.map((value) => ({ value, label: t(`justification.${value}`) }))}
            error={errors.justification}
            checked={sent.justification}
          />
          <TextField
            id="caseReference"
            name="caseReference"
            label={t("caseReference")}
            hint={t("caseReferenceHint")}
            error={errors.caseReference}
            maxLength={CASE_REFERENCE_MAX}
            autoComplete="off"
            defaultValue={sent.caseReference}
          />
          <TextAreaField
            id="reason"
            name="reason"
            label={t("reason")}
            hint={t("reasonHint")}
            error={errors.reason}
            maxLength={REASON_MAX}
            rows={3}
            defaultValue={sent.reason}
          />
          {browsing(byReason)}
          <FormOutcome id="open-form-error" state={byReason} formError={errors.form} />
          <Button type="submit" aria-disabled={pending} onClick={(e) => pending && e.preventDefault()}>
            {pending && opened?.via !== "code" ? t("opening") : t("submit")}
          </Button>
        </form>
      </section>
      <section aria-labelledby="code-heading" className="card space-y-4">
        <h2 id="code-heading" className="text-xl font-semibold">
          {t("codeHeading")}
        </h2>
        <p className="text-sm text-slate-700">{t("codeIntro")}</p>
        <form ref={codeForm} action={open} noValidate className="space-y-5">
          <input type="hidden" name="via" value="code" />
          <input type="hidden" name="customerId" value={customerId} />
          <TextField
            id="code"
            name="code"
            label={t("code")}
            error={byCode?.fieldErrors.code}
            inputMode="numeric"
            autoComplete="off"
            maxLength={SUPPORT_CODE_LENGTH + 2}
            className="input max-w-40 font-mono tracking-widest"
          />
          {browsing(byCode)}
          <FormOutcome id="code-form-error" state={byCode} formError={byCode?.fieldErrors.form} />
          <Button
            type="submit"
            variant="secondary"
            aria-disabled={pending}
            onClick={(e) => pending && e.preventDefault()}
          >
            {t("codeSubmit")}
          </Button>
        </form>
      </section>
    </div>
  );
}
