// The names an export is made of, without any database code (the schema route reads them).

export const exportCategoryKeys = [
  "profile",
  "addresses",
  "orders",
  "loyaltyAccount",
  "loyaltyTransactions",
  "devices",
  "interactionEvents",
  "supportTickets",
  "messagesSent",
  "inferences",
  "consentEvents",
  "consentStates",
  "communicationPreferences",
  "staffAccessLog",
  "disclosures",
  "dataChanges",
  "sessions",
  "signIns",
  "dataSubjectRequests",
  "dataSubjectRequestEvents",
] as const;
export type ExportCategoryKey = (typeof exportCategoryKeys)[number];

export const rightKeys = [
  "access",
  "rectification",
  "erasure",
  "restriction",
  "portability",
  "objection",
  "withdrawConsent",
  "complaint",
] as const;
export type RightKey = (typeof rightKeys)[number];
