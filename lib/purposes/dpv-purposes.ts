// The W3C Data Privacy Vocabulary (DPV 2) purpose terms a purpose version may name, each
// checked against dpv/modules/purposes.csv of the DPV sources. The export states them
// (lib/export/dpv.ts has the rest of the vocabulary it uses).

/** Purpose terms a purpose version may carry (`purposes.dpv_purposes`). */
export const dpvPurposeTerms = [
  "dpv:AccountManagement",
  "dpv:CommunicationForCustomerCare",
  "dpv:CommunicationManagement",
  "dpv:CustomerCare",
  "dpv:CustomerManagement",
  "dpv:CustomerOrderManagement",
  "dpv:CustomerRelationshipManagement",
  "dpv:DeliveryOfGoods",
  "dpv:DirectMarketing",
  "dpv:EnforceSecurity",
  "dpv:FulfilmentOfContractualObligation",
  "dpv:IdentityAuthentication",
  "dpv:ImproveExistingProductsAndServices",
  "dpv:LegalCompliance",
  "dpv:Marketing",
  "dpv:PaymentManagement",
  "dpv:Personalisation",
  "dpv:PersonalisedAdvertising",
  "dpv:PersonalisedBenefits",
  "dpv:ProvideProductRecommendations",
  "dpv:Purpose",
  "dpv:RecordManagement",
  "dpv:RightsFulfillment",
  "dpv:SellDataToThirdParties",
  "dpv:ServicePersonalisation",
  "dpv:ServiceProvision",
  "dpv:ServiceUsageAnalytics",
] as const;
export type DpvPurposeTerm = (typeof dpvPurposeTerms)[number];
