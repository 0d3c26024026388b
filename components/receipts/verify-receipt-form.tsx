"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useActionState, useEffect, useRef, useState, type FormEvent, type RefObject } from "react";
import { Button } from "@/components/ui/button";
import type { FormAction } from "@/lib/actions/types";
import type { ConsentReceipt } from "@/lib/receipts/receipt-payload";
import { MAX_RECEIPT_BYTES } from "@/lib/receipts/receipt-limits";
import type { VerifyReceiptState } from "@/lib/receipts/verify-schema";
import type catalogue from "@/messages/en/receipts.json";

type FieldKey = keyof (typeof catalogue)["receiptVerify"]["fields"];

const control = "block w-full min-w-0 rounded-md border border-slate-500 bg-white px-3 py-2 text-base";

export function VerifyReceiptForm({ verify }: { verify: FormAction<VerifyReceiptState> }) {
  const t = useTranslations("receiptVerify");
  const [state, action, pending] = useActionState<VerifyReceiptState, FormData>(verify, null);
  // Kept after the check, so one character can be changed and checked again.
  const [pasted, setPasted] = useState("");
  const [tooLarge, setTooLarge] = useState(false);
  const outcomeRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (state?.ok) outcomeRef.current?.focus();
  }, [state]);

  // Checked here too, so a large file is refused before it is sent.
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    const file = (event.currentTarget.elements.namedItem("file") as HTMLInputElement | null)?.files?.[0];
    const large = (file?.size ?? 0) > MAX_RECEIPT_BYTES;
    setTooLarge(large);
    if (large || pending) event.preventDefault();
  };
  const fieldErrors = state && !state.ok ? state.fieldErrors : {};
  const receiptError = fieldErrors.receipt;
  const fileError = tooLarge ? t("fieldErrors.tooLarge") : fieldErrors.file;
  const describedBy = (id: string, error: string | undefined, hint?: boolean) =>
    [error ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(" ") || undefined;

  return (
    <div className="space-y-6">
      <form action={action} onSubmit={onSubmit} className="space-y-4 rounded-lg border border-slate-200 bg-white p-5">
        <div className="space-y-1">
          <label htmlFor="receipt" className="block font-medium">
            {t("receiptLabel")}
          </label>
          <textarea
            id="receipt"
            name="receipt"
            rows={6}
            value={pasted}
            onChange={(e) => setPasted(e.target.value)}
            spellCheck={false}
            autoComplete="off"
            aria-invalid={receiptError ? true : undefined}
            aria-describedby={describedBy("receipt", receiptError, true)}
            className={`${control} font-mono text-sm break-all`}
          />
          <p id="receipt-hint" className="text-sm text-slate-700">
            {t("receiptHint")}
          </p>
          {receiptError ? (
            <p id="receipt-error" className="text-sm font-medium text-red-800">
              {receiptError}
            </p>
          ) : null}
        </div>
        <div className="space-y-1">
          <label htmlFor="file" className="block font-medium">
            {t("fileLabel")}
          </label>
          <input
            id="file"
            name="file"
            type="file"
            accept=".jws,application/jose"
            onChange={() => setTooLarge(false)}
            aria-invalid={fileError ? true : undefined}
            aria-describedby={describedBy("file", fileError)}
            className={`${control} min-h-11`}
          />
          {fileError ? (
            <p id="file-error" className="text-sm font-medium text-red-800">
              {fileError}
            </p>
          ) : null}
        </div>
        <Button type="submit" aria-busy={pending || undefined}>
          {pending ? t("checking") : t("submit")}
        </Button>
        {state && !state.ok && !receiptError && !state.fieldErrors.file ? (
          <p role="alert" className="font-medium text-red-800">
            {state.message}
          </p>
        ) : null}
      </form>
      <div aria-live="polite">
        {state?.ok ? (
          state.valid ? (
            <ValidReceipt receipt={state.receipt} kid={state.kid} headingRef={outcomeRef} />
          ) : (
            <section className="space-y-2 rounded-lg border-2 border-red-800 bg-white p-5">
              <h2 ref={outcomeRef} tabIndex={-1} className="text-2xl font-semibold text-red-800">
                {t("invalid")}
              </h2>
              <p>{t(`reasons.${state.reason}`)}</p>
            </section>
          )
        ) : null}
      </div>
    </div>
  );
}

function ValidReceipt({
  receipt,
  kid,
  headingRef,
}: {
  receipt: ConsentReceipt;
  kid: string;
  headingRef: RefObject<HTMLHeadingElement | null>;
}) {
  const t = useTranslations("receiptVerify");
  const history = useTranslations("consentHistory");
  const data = useTranslations("data.categories");
  const format = useFormatter();
  const when = (iso: string) => format.dateTime(new Date(iso), { dateStyle: "long", timeStyle: "short" });
  const controller = receipt.piiControllers[0]!;
  const purpose = receipt.services[0]!.purposes[0]!;
  const list = (values: string[]) => (values.length > 0 ? values.join(", ") : t("none"));
  const yesNo = (value: boolean) => (value ? t("yes") : t("no"));
  const rows: [FieldKey, string][] = [
    ["consentReceiptID", receipt.consentReceiptID],
    ["consentState", history(`actions.${receipt.consentState}`)],
    ["purposeName", purpose.purposeName],
    ["purpose", purpose.purpose],
    ["purposeVersion", String(purpose.purposeVersion)],
    ["consentTimestamp", when(receipt.consentTimestamp)],
    ["collectionMethod", `${history(`methods.${receipt.method}`)} (${history(`channels.${receipt.channel}`)})`],
    ["gpc", yesNo(receipt.gpc)],
    ["legalBasis", purpose.legalBasis],
    ["purposeCategory", list(purpose.purposeCategory)],
    ["piiCategory", list(purpose.piiCategory.map((c) => (data.has(`${c}.name`) ? data(`${c}.name`) : c)))],
    ["termination", purpose.termination === "until withdrawn" ? t("untilWithdrawn") : when(purpose.termination)],
    ["thirdPartyDisclosure", yesNo(purpose.thirdPartyDisclosure)],
    ["thirdPartyName", list(purpose.thirdPartyName)],
    ["piiPrincipalId", receipt.piiPrincipalId],
    ["controller", controller.piiController],
    ["controllerContact", `${controller.contact}, ${controller.email}`],
    ["jurisdiction", receipt.jurisdiction],
    ["language", receipt.language],
    ["policyUrl", receipt.policyUrl],
    ["issuedAt", when(receipt.issuedAt)],
    ["kid", kid],
  ];
  return (
    <section className="space-y-4 rounded-lg border-2 border-brand-700 bg-white p-5">
      <h2 ref={headingRef} tabIndex={-1} className="text-2xl font-semibold text-brand-900">
        {t("valid", { controller: controller.piiController, date: when(receipt.issuedAt) })}
      </h2>
      <p>{t("validBody")}</p>
      <h3 className="text-xl font-semibold">{t("fieldsHeading")}</h3>
      <dl className="grid gap-x-4 gap-y-2 sm:grid-cols-[max-content_1fr]">
        {rows.map(([key, value]) => (
          <div key={key} className="contents">
            <dt className="font-medium">{t(`fields.${key}`)}</dt>
            <dd className="min-w-0 break-words" lang={key === "purposeName" ? receipt.language : undefined}>
              {value}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
