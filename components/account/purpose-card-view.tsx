"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import type { FormAction } from "@/lib/actions/types";
import type { ConsentActionState } from "@/lib/consent/consent-schema";
import type { WithdrawalReasonState } from "@/lib/consent/withdrawal-reason-schema";
import { ConsentSwitch } from "./consent-switch";
import { purposeCardId } from "./purpose-card-id";

/** A purpose card's texts, already translated by the server (components/account/purpose-card.tsx). */
export type PurposeCardText = {
  key: string;
  /** Keeps ids unique when one purpose's card is shown more than once on a page. */
  idScope?: string;
  /** 3 unless the card is the page. */
  headingLevel?: 1;
  name: string;
  sharesTag?: true;
  description: string;
  benefit: string;
  /** The benefit computed from the customer's own data. */
  forYou?: string;
  /** What switching it off (or objecting) changes, or why it cannot be switched off. */
  consequence: { label: "ifOff" | "ifObjected" | "whyNotSwitchable"; text: string };
  /** The summary's link to the purpose's own page, where its facts are. */
  details?: true;
  /** The summary's link to the answer a new version waits for, on the purpose's own page. */
  answerPending?: { href: string; label: string };
};

/**
 * The card's frame and texts. A client component only so that the page sends its texts
 * once as data instead of a server-rendered tree that the RSC payload repeats (see
 * ARCHITECTURE.md, "Page weight"). Its labels come from `purposeCardMessages`.
 */
export function PurposeCardView({
  text,
  consentSwitch,
  control,
  children,
}: {
  text: PurposeCardText;
  /** The purpose's switch, when it is one. */
  consentSwitch?: {
    purposeKey: string;
    version: number;
    granted: boolean;
    action: FormAction<ConsentActionState>;
    giveReason?: FormAction<WithdrawalReasonState>;
  };
  /** What stands where a switch would be, otherwise. */
  control?: ReactNode;
  children?: ReactNode;
}) {
  const t = useTranslations();
  const idBase = purposeCardId(text.key, text.idScope);
  const nameId = `${idBase}-name`;
  const benefitId = `${idBase}-benefit`;
  // Alone, a link keeps the card's spacing above it; in the list, the list has it.
  const alone = !(text.answerPending && text.details);
  const linkClass = alone ? "link-more mt-2" : "link-more";
  const answerLink = text.answerPending ? (
    <Link href={text.answerPending.href} className={linkClass}>
      {text.answerPending.label}
      <span className="sr-only">{`: ${text.name}`}</span>
    </Link>
  ) : null;
  const detailsLink = text.details ? (
    <Link href={`/account/purposes/${text.key}`} className={linkClass}>
      {t("moreDetails.purpose")}
      <span className="sr-only">{`: ${text.name}`}</span>
    </Link>
  ) : null;
  return (
    <article id={idBase} aria-labelledby={nameId} className="purpose-card">
      {/* The name beside its control; the texts below it use the card's full width. */}
      <div className="purpose-head">
        <div className="purpose-title">
          {text.headingLevel === 1 ? (
            <h1 id={nameId} className="text-3xl font-semibold">
              {text.name}
            </h1>
          ) : (
            <h3 id={nameId}>{text.name}</h3>
          )}
          {text.sharesTag ? <p className="tag-shares">{t("purposeCard.sharesTag")}</p> : null}
        </div>
        {consentSwitch ? (
          <ConsentSwitch
            action={consentSwitch.action}
            purposeKey={consentSwitch.purposeKey}
            purposeVersion={consentSwitch.version}
            granted={consentSwitch.granted}
            labelId={nameId}
            describedBy={benefitId}
            giveReason={consentSwitch.giveReason}
          />
        ) : (
          control
        )}
      </div>
      <div className="purpose-body">
        <p>{text.description}</p>
        <div id={benefitId} className="space-y-1">
          <p>
            <b>{`${t("purposes.benefit")}: `}</b>
            {text.benefit}
          </p>
          {text.forYou ? (
            <p className="for-you">
              <b>{`${t("purposeCard.forYou")}: `}</b>
              {text.forYou}
            </p>
          ) : null}
        </div>
        <p>
          <b>{`${t(text.consequence.label === "ifObjected" ? "purposeCard.ifObjected" : `purposes.${text.consequence.label}`)}: `}</b>
          {text.consequence.text}
        </p>
      </div>
      {children}
      {text.answerPending && text.details ? (
        // Each link its own item, spaced apart: side by side they read as one underlined line.
        <ul className="card-links">
          <li>{answerLink}</li>
          <li>{detailsLink}</li>
        </ul>
      ) : (
        // One link alone needs no list (a page of cards stays within its HTML budget).
        (answerLink ?? detailsLink)
      )}
    </article>
  );
}
