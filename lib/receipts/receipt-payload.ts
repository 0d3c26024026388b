import { z } from "zod";
import {
  consentActions,
  consentMethods,
  consentSources,
  type ConsentEvent,
  type ConsentMethod,
  type ConsentSourceChannel,
  type LegalBasis,
  type Purpose,
  type Recipient,
} from "@/db/schema";
import type { ReceiptController } from "./controller";

// The field set of the Kantara Consent Receipt v1.1 (the basis of ISO/IEC TS 27560),
// with ISO 8601 times, the legal basis per purpose, and what happened (state, method,
// channel, GPC) for a consent event rather than only a grant.
export const RECEIPT_VERSION = "KI-CR-v1.1.0";
export const RECEIPT_TYP = "consent-receipt+jws";
export const RECEIPT_MEDIA_TYPE = "application/jose";

const legalBasisArticle: Record<LegalBasis, string> = {
  consent: "GDPR Art. 6(1)(a)",
  contract: "GDPR Art. 6(1)(b)",
  legal_obligation: "GDPR Art. 6(1)(c)",
  legitimate_interest: "GDPR Art. 6(1)(f)",
};

/** The legal basis a receipt's article names, for a reader who wants it in plain words. */
export function legalBasisOfArticle(article: string): LegalBasis | null {
  const found = Object.entries(legalBasisArticle).find(([, text]) => text === article);
  return found ? (found[0] as LegalBasis) : null;
}

const methodText: Record<ConsentMethod, string> = {
  switch: "Switch on the customer's privacy page",
  reconsent_prompt: "Re-consent prompt after the purpose changed",
  renewal: "Renewal before the consent expired",
  unsubscribe_link: "One-click unsubscribe link",
  gpc_signal: "Global Privacy Control signal",
  expiry: "Automatic expiry at the end of the consent lifetime",
  objection_request: "Objection filed by the customer as a data-subject request (GDPR Art. 21)",
};

const communicationChannels = new Set(["email", "sms", "push", "post"]);

/** Kantara purpose categories, from what the purpose version says about itself. */
export function purposeCategories(
  purpose: Pick<Purpose, "legalBasis" | "channels" | "sharesWithThirdParties">,
): string[] {
  switch (purpose.legalBasis) {
    case "legal_obligation":
      return ["Legally Required Data Retention"];
    case "contract":
      return ["Contracted Service"];
    case "legitimate_interest":
      return ["Improve Performance"];
    case "consent": {
      const categories: string[] = [];
      if (purpose.channels.some((c) => communicationChannels.has(c))) categories.push("Contact Me");
      if (purpose.sharesWithThirdParties) categories.push("3rd Party Sharing");
      return categories.length > 0 ? categories : ["Improve Performance"];
    }
  }
}

/**
 * Who outside the company gets the customer's data under this purpose: every recipient the
 * purpose names — the same list the purpose card shows and whose carriers
 * (`carriersOf`, lib/messages/record-messages-sent.ts) fill the sharing list on
 * /account/access. An email service that delivers the messages is a disclosure too, so
 * the flag and the names never disagree. (`sharesWithThirdParties` is a narrower thing:
 * the sale/sharing that Global Privacy Control opts out of, the "3rd Party Sharing" category.)
 */
export function thirdPartyDisclosureOf(recipients: Recipient[]): {
  thirdPartyDisclosure: boolean;
  thirdPartyName: string[];
} {
  const thirdPartyName = [...new Set(recipients.map((r) => r.name))];
  return { thirdPartyDisclosure: thirdPartyName.length > 0, thirdPartyName };
}

export const consentReceiptId = (eventId: number) => `urn:tillit:consent-event:${eventId}`;

const purposeSchema = z.object({
  purpose: z.string(),
  purposeName: z.string(),
  purposeVersion: z.number().int(),
  purposeDescription: z.string(),
  legalBasis: z.string(),
  purposeCategory: z.array(z.string()),
  consentType: z.string(),
  piiCategory: z.array(z.string()),
  primaryPurpose: z.boolean(),
  termination: z.string(),
  thirdPartyDisclosure: z.boolean(),
  thirdPartyName: z.array(z.string()),
});

/** What a receipt holds; parsed from a verified JWS (unknown members are kept out). */
export const consentReceiptSchema = z.object({
  version: z.literal(RECEIPT_VERSION),
  jurisdiction: z.string(),
  consentTimestamp: z.iso.datetime(),
  collectionMethod: z.string(),
  consentReceiptID: z.string(),
  language: z.string(),
  piiPrincipalId: z.string(),
  piiControllers: z
    .array(
      z.object({
        piiController: z.string(),
        onBehalf: z.boolean(),
        contact: z.string(),
        email: z.string(),
        // Receipts signed before the phone was added still verify.
        phone: z.string().optional(),
        address: z.object({
          streetAddress: z.string(),
          postalCode: z.string(),
          addressLocality: z.string(),
          addressCountry: z.string(),
        }),
      }),
    )
    .min(1),
  policyUrl: z.string(),
  services: z.array(z.object({ service: z.string(), purposes: z.array(purposeSchema).min(1) })).min(1),
  sensitive: z.boolean(),
  spiCat: z.array(z.string()),
  consentState: z.enum(consentActions),
  method: z.enum(consentMethods),
  channel: z.enum(consentSources),
  gpc: z.boolean(),
  issuedAt: z.iso.datetime(),
});
export type ConsentReceipt = z.infer<typeof consentReceiptSchema>;

/** The receipt for one consent event, as the purpose version the event was recorded under describes it. */
export function buildConsentReceipt(input: {
  event: Pick<
    ConsentEvent,
    | "id"
    | "customerId"
    | "purposeKey"
    | "purposeVersion"
    | "action"
    | "occurredAt"
    | "sourceChannel"
    | "method"
    | "locale"
    | "shownText"
    | "gpc"
    | "expiresAt"
  >;
  purpose: Pick<Purpose, "legalBasis" | "channels" | "sharesWithThirdParties" | "dataCategories" | "recipients">;
  controller: ReceiptController;
  policyUrl: string;
  issuedAt: Date;
}): ConsentReceipt {
  const { event, purpose, controller } = input;
  const channel: ConsentSourceChannel = event.sourceChannel;
  return {
    version: RECEIPT_VERSION,
    jurisdiction: "NO",
    consentTimestamp: event.occurredAt.toISOString(),
    collectionMethod: `${methodText[event.method]} (channel: ${channel})`,
    consentReceiptID: consentReceiptId(event.id),
    language: event.locale,
    piiPrincipalId: event.customerId,
    piiControllers: [
      {
        piiController: controller.name,
        onBehalf: false,
        contact: controller.contact,
        email: controller.email,
        phone: controller.phone,
        address: controller.address,
      },
    ],
    policyUrl: input.policyUrl,
    services: [
      {
        service: controller.name,
        purposes: [
          {
            purpose: event.purposeKey,
            purposeName: event.shownText.name,
            purposeVersion: event.purposeVersion,
            purposeDescription: event.shownText.description,
            legalBasis: legalBasisArticle[purpose.legalBasis],
            purposeCategory: purposeCategories(purpose),
            consentType: "EXPLICIT",
            piiCategory: purpose.dataCategories,
            primaryPurpose: purpose.legalBasis === "contract",
            termination: event.expiresAt ? event.expiresAt.toISOString() : "until withdrawn",
            ...thirdPartyDisclosureOf(purpose.recipients),
          },
        ],
      },
    ],
    sensitive: false,
    spiCat: [],
    consentState: event.action,
    method: event.method,
    channel,
    gpc: event.gpc,
    issuedAt: input.issuedAt.toISOString(),
  };
}
