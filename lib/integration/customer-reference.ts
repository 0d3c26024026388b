import { z } from "zod";

// How another system names a customer: the customer number the company already uses
// (digits), or the customer's pseudonymous id (a UUID with no meaning). Never an email or
// a name: those would end up in URLs, proxies' logs and other systems' traces.
// Taken as given, without trimming: a reference with a space or a line break in it is refused,
// not read as another one (and the answer echoes exactly what was asked).
export const customerReferenceSchema = z
  .string()
  .min(1)
  .max(64)
  .superRefine((value, ctx) => {
    if (value.includes("@")) {
      ctx.addIssue({
        code: "custom",
        message: "Customers are named by customer number or pseudonymous id, never by email address.",
        params: { code: "email_not_allowed" },
      });
    } else if (parseCustomerReference(value) === null) {
      ctx.addIssue({
        code: "custom",
        message: "Not a customer number (digits, no leading zero) or a pseudonymous id (a UUID).",
        params: { code: "invalid_customer_reference" },
      });
    }
  })
  .meta({
    description: "The customer number (digits) or the customer's pseudonymous id (a UUID). Never an email address.",
    examples: ["100001", "5f0c6f5e-3f47-4b53-9a51-2a8c1f6f0b1e"],
  });

export type CustomerReference =
  | { kind: "number"; value: number; given: string }
  | { kind: "pseudonym"; value: string; given: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function parseCustomerReference(given: string): CustomerReference | null {
  if (/^[1-9][0-9]{0,14}$/.test(given)) return { kind: "number", value: Number(given), given };
  if (UUID.test(given)) return { kind: "pseudonym", value: given.toLowerCase(), given };
  return null;
}
