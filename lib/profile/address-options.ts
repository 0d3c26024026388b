// The choices of the address form, shared with its schema (profile-schema.ts). No zod
// here: the client form imports these without shipping the schema library.
export const addressLabels = ["home", "work", "other"] as const;
export const addressCountries = ["NO", "SE", "DK", "FI", "IS", "DE", "NL", "FR", "ES", "PL", "GB", "US"] as const;
export type AddressLabel = (typeof addressLabels)[number];
export type AddressCountry = (typeof addressCountries)[number];
