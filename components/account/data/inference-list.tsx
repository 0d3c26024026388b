"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useActionState, useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import type { FormAction } from "@/lib/actions/types";
import type { RejectInferenceState } from "@/lib/data-inventory/reject-inference-schema";

export type InferenceItem = {
  id: string;
  kind: "segment" | "interest";
  label: string;
  derivedFrom: string;
  /** The categories it came from, named and linked by the page. */
  sources: { key: string; name: string }[];
  /** Already formatted for the locale. */
  inferredOn: string;
};

/**
 * The active inferences, each with a "This is wrong" form (works before JavaScript has
 * loaded). After a removal the item leaves the list; the confirmation takes the focus.
 */
export function InferenceList({ items, reject }: { items: InferenceItem[]; reject: FormAction<RejectInferenceState> }) {
  const t = useTranslations("data.inferences");
  const [state, formAction, isPending] = useActionState<RejectInferenceState, FormData>(reject, null);
  const [submitted, setSubmitted] = useState<string | null>(null);
  const confirmation = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    if (state?.ok) confirmation.current?.focus();
  }, [state]);

  return (
    <div className="space-y-4">
      {state?.ok ? (
        <p ref={confirmation} tabIndex={-1} className="rounded-md bg-brand-50 p-3 font-medium text-brand-900">
          {t("rejectedNow", { label: state.label })}
        </p>
      ) : null}
      {items.length === 0 ? (
        <p>{t("none")}</p>
      ) : (
        <ul className="space-y-4">
          {items.map((item) => {
            const labelId = `inference-${item.id}`;
            const errorId = `${labelId}-error`;
            const failed = state && !state.ok && submitted === item.id;
            return (
              <li key={item.id}>
                <article aria-labelledby={labelId} className="card p-5">
                  <div className="flex flex-wrap items-start justify-between gap-3">
                    <div className="min-w-0 flex-1">
                      <h3 id={labelId} className="text-lg font-semibold">
                        {item.label}
                      </h3>
                      <p className="text-sm text-slate-700">{t(`kind.${item.kind}`)}</p>
                    </div>
                    <form action={formAction} onSubmit={() => setSubmitted(item.id)}>
                      <input type="hidden" name="inferenceId" value={item.id} />
                      <Button
                        type="submit"
                        variant="secondary"
                        aria-disabled={isPending || undefined}
                        aria-label={t("rejectNamed", { label: item.label })}
                        aria-describedby={failed ? errorId : undefined}
                        onClick={(event) => isPending && event.preventDefault()}
                      >
                        {isPending && submitted === item.id ? t("rejecting") : t("reject")}
                      </Button>
                    </form>
                  </div>
                  <dl className="mt-3 grid gap-x-6 gap-y-2 text-sm sm:grid-cols-3">
                    <div>
                      <dt className="font-medium">{t("basedOn")}</dt>
                      <dd>{item.derivedFrom}</dd>
                    </div>
                    <div>
                      <dt className="font-medium">{t("fromData")}</dt>
                      <dd>
                        <ul>
                          {item.sources.map((source) => (
                            <li key={source.key}>
                              <Link href={`/account/data/${source.key}`} className="text-brand-900 underline">
                                {source.name}
                              </Link>
                            </li>
                          ))}
                        </ul>
                      </dd>
                    </div>
                    <div>
                      <dt className="font-medium">{t("inferredOn")}</dt>
                      <dd>{item.inferredOn}</dd>
                    </div>
                  </dl>
                  {failed ? (
                    <p id={errorId} role="alert" className="mt-3 text-sm text-red-800">
                      {state.message}
                    </p>
                  ) : null}
                </article>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
