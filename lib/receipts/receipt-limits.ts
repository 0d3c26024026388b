/** Shared by the verify form (its size check before upload) and the server; no zod here. */
export const MAX_RECEIPT_BYTES = 64 * 1024;
