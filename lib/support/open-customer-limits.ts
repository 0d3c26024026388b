// Limits a form needs on the client too (maxLength), in a zod-free module.
export { CASE_REFERENCE_MAX, REASON_MAX } from "@/lib/access-log/access-limits";

/** A support code is this many digits. */
export const SUPPORT_CODE_LENGTH = 6;
