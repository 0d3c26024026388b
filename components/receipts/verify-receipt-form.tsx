"use client";

import { useFormatter, useLocale, useTranslations } from "next-intl";
import { useActionState, useEffect, useRef, useState, type FormEvent, type ReactNode, type RefObject } from "react";
import { Button } from "@/components/ui/button";
import type { FormAction } from "@/lib/actions/types";
import type { ConsentReceipt } from "@/lib/receipts/receipt-payload";
import type { Locale } from "@/lib/i18n/locales";
import { MAX_RECEIPT_BYTES } from "@/lib/receipts/receipt-limits";
import type { ReceiptDescription, VerifyReceiptState } from "@/lib/receipts/verify-schema";
import type catalogue from "@/messages/en/receipts.json";

type FieldKey = keyof (typeof catalogue)["receiptVerify"]["fields"];

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
      <form action={action} onSubmit={onSubmit} className="space-y-4 card p-5">
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
            className="input font-mono text-sm break-all"
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
            className="input min-h-11"
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
            <ValidReceipt receipt={state.receipt} kid={state.kid} described={state.described} headingRef={outcomeRef} />
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

// The receipt in plain words first; its identifiers and the standard's own terms (the
// receipt id, keys, article numbers, Kantara categories) under Technical details.
function ValidReceipt({
  receipt,
  kid,
  described,
  headingRef,
}: {
  receipt: ConsentReceipt;
  kid: string;
  described: ReceiptDescription;
  headingRef: RefObject<HTMLHeadingElement | null>;
}) {
  const t = useTranslations("receiptVerify");
  const history = useTranslations("consentHistory");
  const basis = useTranslations("purposes.basis");
  const data = useTranslations("data.categories");
  const locale = useLocale() as Locale;
  const format = useFormatter();
  const when = (iso: string) => format.dateTime(new Date(iso), { dateStyle: "long", timeStyle: "short" });
  const controller = receipt.piiControllers[0]!;
  const purpose = receipt.services[0]!.purposes[0]!;
  const list = (values: string[]) => (values.length > 0 ? format.list(values) : t("none"));
  const yesNo = (value: boolean) => (value ? t("yes") : t("no"));
  const granting = receipt.consentState === "granted" || receipt.consentState === "objection_withdrawn";
  const title = described.purposeNames?.[locale] ?? null;
  const shownName = <span lang={receipt.language}>{purpose.purposeName}</span>;
  const plain: [FieldKey, ReactNode][] = [
    [
      "consentState",
      <>
        <span aria-hidden="true">{granting ? "✓" : "✕"} </span>
        {history(`actions.${receipt.consentState}`)}
      </>,
    ],
    ["purposeName", title ?? shownName],
    ...(title !== null && receipt.language !== locale ? [["shownName", shownName] as [FieldKey, ReactNode]] : []),
    ["purposeVersion", String(purpose.purposeVersion)],
    ["consentTimestamp", when(receipt.consentTimestamp)],
    ["collectionMethod", `${history(`methods.${receipt.method}`)} (${history(`channels.${receipt.channel}`)})`],
    ["legalBasis", described.legalBasis ? basis(described.legalBasis) : purpose.legalBasis],
    ["piiCategory", list(purpose.piiCategory.map((c) => (data.has(`${c}.name`) ? data(`${c}.name`) : c)))],
    ["termination", purpose.termination === "until withdrawn" ? t("untilWithdrawn") : when(purpose.termination)],
    ["thirdPartyDisclosure", yesNo(purpose.thirdPartyDisclosure)],
    ["thirdPartyName", list(purpose.thirdPartyName)],
    ["controller", controller.piiController],
    ["controllerContact", controller.email],
    ["language", t.has(`languages.${receipt.language}`) ? t(`languages.${receipt.language}`) : receipt.language],
    ["issuedAt", when(receipt.issuedAt)],
  ];
  const technical: [FieldKey, string][] = [
    ["consentReceiptID", receipt.consentReceiptID],
    ["purpose", purpose.purpose],
    ["legalBasisArticle", purpose.legalBasis],
    ["purposeCategory", list(purpose.purposeCategory)],
    ["gpc", yesNo(receipt.gpc)],
    ["piiPrincipalId", receipt.piiPrincipalId],
    ["jurisdiction", receipt.jurisdiction],
    ["policyUrl", receipt.policyUrl],
    ["kid", kid],
  ];
  const rows = (entries: [FieldKey, ReactNode][]) =>
    entries.map(([key, value]) => (
      <div key={key} className="contents">
        <dt className="font-medium">{t(`fields.${key}`, { language: receipt.language })}</dt>
        <dd className="min-w-0 break-words">{value}</dd>
      </div>
    ));
  return (
    <section className="space-y-4 rounded-lg border-2 border-brand-700 bg-white p-5">
      <h2 ref={headingRef} tabIndex={-1} className="text-2xl font-semibold text-brand-900">
        {t("valid", { controller: controller.piiController, date: when(receipt.issuedAt) })}
      </h2>
      <p>{t("validBody")}</p>
      <h3 className="text-xl font-semibold">{t("fieldsHeading")}</h3>
      <dl className="grid gap-x-4 gap-y-2 sm:grid-cols-[max-content_1fr]">{rows(plain)}</dl>
      {receipt.gpc ? <p>{history("gpcPlain")}</p> : null}
      <details className="panel">
        <summary className="summary">{t("technical")}</summary>
        <dl className="mt-2 grid gap-x-4 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]">{rows(technical)}</dl>
      </details>
    </section>
  );
}
