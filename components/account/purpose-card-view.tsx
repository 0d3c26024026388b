"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";

/** A purpose card's texts, already translated by the server (components/account/purpose-card.tsx). */
export type PurposeCardText = {
  idBase: string;
  headingLevel: 1 | 3;
  name: string;
  sharesTag: boolean;
  description: string;
  benefit: string;
  /** The benefit computed from the customer's own data. */
  forYou: string | null;
  /** What switching it off (or objecting) changes, or why it cannot be switched off. */
  consequence: { label: "ifOff" | "ifObjected" | "whyNotSwitchable"; text: string };
  /** The summary's link to the purpose's own page, where its facts are. */
  details: string | null;
};

/**
 * The card's frame and texts. A client component only so that the page sends its texts
 * once as data instead of a server-rendered tree that the RSC payload repeats (see
 * ARCHITECTURE.md, "Page weight"). Its labels come from `purposeCardMessages`.
 */
export function PurposeCardView({
  text,
  control,
  children,
}: {
  text: PurposeCardText;
  control: ReactNode;
  children?: ReactNode;
}) {
  const t = useTranslations();
  const nameId = `${text.idBase}-name`;
  const Heading = text.headingLevel === 1 ? "h1" : "h3";
  return (
    <article id={text.idBase} aria-labelledby={nameId} className="purpose-card">
      {/* The name beside its control; the texts below it use the card's full width. */}
      <div className="purpose-head">
        <div className="min-w-0 flex-1 space-y-2">
          <Heading id={nameId} className={text.headingLevel === 1 ? "text-3xl font-semibold" : "text-lg font-semibold"}>
            {text.name}
          </Heading>
          {text.sharesTag ? <p className="tag-shares">{t("purposeCard.sharesTag")}</p> : null}
        </div>
        {control}
      </div>
      <div className="mt-2 space-y-2">
        <p>{text.description}</p>
        <div id={`${text.idBase}-benefit`} className="space-y-1">
          <p>
            <span className="font-medium">{t("purposes.benefit")}: </span>
            {text.benefit}
          </p>
          {text.forYou ? (
            <p className="for-you">
              <span className="font-medium">{t("purposeCard.forYou")}: </span>
              {text.forYou}
            </p>
          ) : null}
        </div>
        <p>
          <span className="font-medium">
            {t(
              text.consequence.label === "ifObjected" ? "purposeCard.ifObjected" : `purposes.${text.consequence.label}`,
            )}
            :{" "}
          </span>
          {text.consequence.text}
        </p>
      </div>
      {children}
      {text.details ? (
        <Link href={text.details} className="link mt-2 text-sm font-medium">
          {t("moreDetails.purpose")}
          <span className="sr-only">: {text.name}</span>
        </Link>
      ) : null}
    </article>
  );
}
