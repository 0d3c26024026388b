import type { LegalBasis } from "@/db/schema";
import type { CategoryKey } from "@/lib/data-inventory/categories";

// Terms from the W3C Data Privacy Vocabulary (DPV 2), so another service can map an
// export. Every term here was checked against the published vocabulary (dpv/modules/
// purposes.csv and pd/pd.csv of the DPV sources); where no exact term exists, the
// nearest broader one is used (e.g. pd:PhysicalAddress: DPV has no "PostalAddress").
// The purpose terms a purpose may carry are the purposes' own: lib/purposes/dpv-purposes.ts.

export const dpvVocabularies = {
  dpv: "https://w3id.org/dpv#",
  "dpv-pd": "https://w3id.org/dpv/pd#",
} as const;

export const dpvLegalBasis: Record<LegalBasis, string> = {
  consent: "dpv:Consent",
  contract: "dpv:Contract",
  legal_obligation: "dpv:LegalObligation",
  legitimate_interest: "dpv:LegitimateInterest",
};

/** Personal-data category terms used below (pd namespace, written `dpv-pd:`). */
export const dpvPersonalDataTerms = [
  "dpv-pd:AuthenticationHistory",
  "dpv-pd:Behavioral",
  "dpv-pd:BirthDate",
  "dpv-pd:BrowsingBehavior",
  "dpv-pd:Communication",
  "dpv-pd:Contact",
  "dpv-pd:DeviceBased",
  "dpv-pd:DeviceOperatingSystem",
  "dpv-pd:EmailAddress",
  "dpv-pd:Historical",
  "dpv-pd:Identifier",
  "dpv-pd:IndividualProfile",
  "dpv-pd:Interest",
  "dpv-pd:Language",
  "dpv-pd:Name",
  "dpv-pd:PhysicalAddress",
  "dpv-pd:Preference",
  "dpv-pd:PrivacyPreference",
  "dpv-pd:Purchase",
  "dpv-pd:PurchasesAndSpendingHabit",
  "dpv-pd:ServiceConsumptionBehavior",
  "dpv-pd:TelephoneNumber",
  "dpv-pd:Transactional",
  "dpv-pd:UID",
  "dpv-pd:UserAgent",
] as const;
export type DpvPersonalDataTerm = (typeof dpvPersonalDataTerms)[number];

/** The portal's data categories (lib/data-inventory/categories.ts) in DPV terms. */
export const inventoryCategoryDpv: Record<CategoryKey, DpvPersonalDataTerm[]> = {
  identity: ["dpv-pd:Name", "dpv-pd:BirthDate", "dpv-pd:UID"],
  contact: ["dpv-pd:EmailAddress", "dpv-pd:TelephoneNumber"],
  addresses: ["dpv-pd:PhysicalAddress"],
  orders: ["dpv-pd:Purchase", "dpv-pd:PurchasesAndSpendingHabit"],
  loyalty: ["dpv-pd:Transactional"],
  devices: ["dpv-pd:DeviceBased", "dpv-pd:DeviceOperatingSystem"],
  interactions: ["dpv-pd:BrowsingBehavior", "dpv-pd:ServiceConsumptionBehavior"],
  tickets: ["dpv-pd:Communication"],
  messages: ["dpv-pd:Communication"],
  inferences: ["dpv-pd:IndividualProfile", "dpv-pd:Interest"],
};
