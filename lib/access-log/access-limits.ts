/** The longest case reference and reason an agent may give (also the forms' maxLength; no imports, so a client form can read it). */
export const CASE_REFERENCE_MAX = 64;
export const REASON_MAX = 500;
