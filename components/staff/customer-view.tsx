"use client";

import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useActionState, useRef } from "react";
import { Button } from "@/components/ui/button";
import { Choice, ChoiceGroup, FormOutcome, TextField } from "@/components/ui/field";
import { useFocusFirstError } from "@/components/ui/use-focus-first-error";
import type { MaskedField } from "@/lib/access-log/masked-fields";
import type { FormAction } from "@/lib/actions/types";
import type { CustomerViewDto } from "@/lib/support/customer-view";
import { CASE_REFERENCE_MAX } from "@/lib/support/open-customer-limits";
import type { RevealFieldState } from "@/lib/support/open-customer-state";

type Revealed = { result: RevealFieldState; values: Partial<Record<MaskedField, string[]>> };

const detailFields: MaskedField[] = ["name", "email", "phone", "birthDate", "address"];

/** A customer as opened: what their own pages show, masked, each masked detail one logged step away. */
export function CustomerView({
  view,
  revealAction,
}: {
  view: CustomerViewDto;
  revealAction: FormAction<RevealFieldState>;
}) {
  const t = useTranslations("staff.support.view");
  const tOpen = useTranslations("staff.support.open");
  const tCategory = useTranslations("purposes.categories");
  const tKind = useTranslations("requests.kind");
  const tStatus = useTranslations("requests.status");
  const tChannel = useTranslations("preferences.channel");
  const format = useFormatter();
  const [revealed, reveal, revealing] = useActionState<Revealed, FormData>(
    async (previous, formData) => {
      const result = await revealAction(null, formData);
      return {
        result,
        values: result?.ok ? { ...previous.values, [result.revealed.field]: result.revealed.values } : previous.values,
      };
    },
    { result: null, values: {} },
  );
  const form = useRef<HTMLFormElement>(null);
  useFocusFirstError(form, revealed.result);
  const refused = revealed.result && !revealed.result.ok ? revealed.result : null;
  const errors = refused?.fieldErrors ?? {};
  const needsConfirmation = !view.access.verified;
  const day = (iso: string) => format.dateTime(new Date(`${iso}T12:00:00Z`), { dateStyle: "medium" });

  const masked = (field: MaskedField) => {
    const d = view.details;
    if (field === "address") {
      return d.addresses.length === 0
        ? [t("notGiven")]
        : d.addresses.map(
            (a) => `${t(`addressLabel.${a.label}`)}${a.isPrimary ? ` (${t("primary")})` : ""}: ${a.masked}`,
          );
    }
    return [d[field] ?? t("notGiven")];
  };

  return (
    <article aria-labelledby="view-heading" className="space-y-6">
      <div className="card space-y-2">
        <h2 id="view-heading" className="heading-with-badge text-2xl">
          <span>{t("heading", { number: view.customerNumber })}</span>
          {view.access.verified ? <span className="badge badge-granting">✓ {t("verified")}</span> : null}
        </h2>
        <dl className="record">
          <dt>{t("openedAs")}</dt>
          <dd>{tOpen(`justification.${view.access.justification}`)}</dd>
          {view.access.caseReference ? (
            <>
              <dt>{t("caseReference")}</dt>
              <dd className="break-words">{view.access.caseReference}</dd>
            </>
          ) : null}
          {view.access.verified ? null : (
            <>
              <dt>{t("reason")}</dt>
              <dd className="break-words">{view.access.reason}</dd>
            </>
          )}
        </dl>
        <p className="text-sm text-slate-700">{t("reloadNote")}</p>
      </div>

      <section aria-labelledby="details-heading" className="card space-y-3">
        <h3 id="details-heading" className="text-xl font-semibold">
          {t("detailsHeading")}
        </h3>
        <p className="text-sm text-slate-700">{t("revealHint")}</p>
        <form ref={form} action={reveal} noValidate className="space-y-4">
          <input type="hidden" name="customerId" value={view.customerId} />
          <dl className="record items-center">
            {detailFields.map((field) => {
              const shown = revealed.values[field];
              return (
                <div key={field} className="contents">
                  <dt>{t(`field.${field}`)}</dt>
                  <dd className="flex flex-wrap items-center gap-3">
                    <span data-field={field} className="break-words">
                      {(shown ?? masked(field)).join("; ") || t("notGiven")}
                    </span>
                    {shown ? null : (
                      <Button
                        type="submit"
                        name="field"
                        value={field}
                        variant="ghost"
                        aria-disabled={revealing}
                        onClick={(e) => revealing && e.preventDefault()}
                      >
                        {t(`show.${field}`)}
                      </Button>
                    )}
                  </dd>
                </div>
              );
            })}
          </dl>
          {needsConfirmation ? (
            <ChoiceGroup
              id="contact-confirm"
              legend={t("contactConfirmLegend")}
              hint={t("contactConfirmHint")}
              className="panel space-y-3"
            >
              {view.access.caseReference ? null : (
                <TextField
                  id="reveal-caseReference"
                  name="caseReference"
                  label={t("revealCaseReference")}
                  error={errors.caseReference}
                  maxLength={CASE_REFERENCE_MAX}
                  autoComplete="off"
                />
              )}
              <Choice
                id="reveal-confirmed"
                type="checkbox"
                name="confirmed"
                label={t("confirmReveal")}
                invalid={Boolean(errors.confirmed)}
                aria-describedby={errors.confirmed ? "reveal-confirmed-error" : undefined}
              />
              {errors.confirmed ? (
                <p id="reveal-confirmed-error" className="text-sm font-medium text-red-800">
                  {errors.confirmed}
                </p>
              ) : null}
            </ChoiceGroup>
          ) : null}
          <FormOutcome id="reveal-form-error" state={refused} formError={errors.form} />
        </form>
      </section>

      <section aria-labelledby="data-heading" className="card space-y-3">
        <h3 id="data-heading" className="text-xl font-semibold">
          {t("dataHeading")}
        </h3>
        <dl className="record">
          {view.data.map((c) => (
            <div key={c.key} className="contents">
              <dt className="first-letter:uppercase">{tCategory(c.key)}</dt>
              <dd>{format.number(c.count)}</dd>
            </div>
          ))}
        </dl>
      </section>

      <section aria-labelledby="consents-heading" className="card space-y-3">
        <h3 id="consents-heading" className="text-xl font-semibold">
          {t("consentsHeading")}
        </h3>
        <dl className="record">
          {view.consents.map((c) => (
            <div key={c.key} className="contents">
              <dt>{c.name}</dt>
              <dd>{t(`consentStatus.${c.status}`)}</dd>
            </div>
          ))}
        </dl>
      </section>

      <section aria-labelledby="preferences-heading" className="card space-y-3">
        <h3 id="preferences-heading" className="text-xl font-semibold">
          {t("preferencesHeading")}
        </h3>
        <dl className="record">
          {view.preferences.map((p) => (
            <div key={p.channel} className="contents">
              <dt>{tChannel(p.channel)}</dt>
              <dd>{t("channelLine", { contactable: p.contactable, topics: p.topics })}</dd>
            </div>
          ))}
        </dl>
      </section>

      <section aria-labelledby="requests-heading" className="card space-y-3">
        <h3 id="requests-heading" className="text-xl font-semibold">
          {t("requestsHeading")}
        </h3>
        {view.requests.length === 0 ? (
          <p>{t("noRequests")}</p>
        ) : (
          <ul className="space-y-3">
            {view.requests.map((r) => (
              <li key={r.id} className="panel">
                <p className="font-medium">{tKind(r.kind)}</p>
                <dl className="record">
                  <dt>{t("status")}</dt>
                  <dd>{tStatus(r.status)}</dd>
                  <dt>{t("received")}</dt>
                  <dd>{format.dateTime(r.receivedAt, { dateStyle: "medium" })}</dd>
                  <dt>{t("due")}</dt>
                  <dd>
                    {day(r.dueOn)}
                    {r.overdue ? <strong className="ml-2 text-red-800">{t("overdue")}</strong> : null}
                  </dd>
                  <dt>{t("via")}</dt>
                  <dd>{t(`requestChannel.${r.channel}`)}</dd>
                </dl>
                <Link href={`/support/requests/${r.id}`} prefetch={false} className="link text-sm">
                  {t("openRequest")}
                </Link>
              </li>
            ))}
          </ul>
        )}
        <Link href={`/support/customers/${view.customerId}/requests/new`} prefetch={false} className="link font-medium">
          {t("fileRequest")}
        </Link>
      </section>

      <section aria-labelledby="sign-ins-heading" className="card space-y-3">
        <h3 id="sign-ins-heading" className="text-xl font-semibold">
          {t("signInsHeading")}
        </h3>
        <p>{t("signInCount", { total: view.signInTotal, shown: view.signIns.length })}</p>
        {view.signIns.length > 0 ? (
          <ul className="space-y-1 text-sm">
            {view.signIns.map((s, i) => (
              <li key={i}>
                <time dateTime={s.occurredAt.toISOString()}>
                  {format.dateTime(s.occurredAt, { dateStyle: "medium", timeStyle: "short" })}
                </time>
                {" · "}
                {[s.browser, s.os].filter(Boolean).join(", ") || t("unknownDevice")}
              </li>
            ))}
          </ul>
        ) : null}
      </section>
    </article>
  );
}
