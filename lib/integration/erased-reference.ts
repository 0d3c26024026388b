import "server-only";
import { pseudonymise } from "@/lib/security/hash";

/**
 * The keyed pseudonym under which an erased customer's reference is kept (erased_references):
 * enough to answer "erased" to a system that still holds the number, never the number itself.
 */
export function erasedReferenceHash(kind: "n" | "p", value: string | number): string {
  return pseudonymise("erased reference", `${kind}:${String(value).toLowerCase()}`);
}
