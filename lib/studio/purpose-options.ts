// The choices a purpose form offers, for pages and components (which never import db/).
export { benefitMetrics, communicationChannels, legalBases } from "@/db/schema/purposes";
export type { PurposeDraftContent } from "@/db/schema/purposes";
export { categoryKeys } from "@/lib/data-inventory/categories";
