import { env } from "@/lib/env";
import { receiptController } from "@/lib/receipts/controller";

/** Who answers for the customer's data, as the footer and the privacy notice name them. */
export type PrivacyContacts = {
  controller: { name: string; email: string; phone: string };
  dpo: { email: string };
};

// The demo company's officer; a deployment names its own through TILLIT_DPO_EMAIL.
const demoDpoEmail = "personvernombud@tillit.example";

/** The controller (the same as on consent receipts) and the data protection officer. */
export function privacyContacts(): PrivacyContacts {
  const { name, email, phone } = receiptController();
  return { controller: { name, email, phone }, dpo: { email: env().TILLIT_DPO_EMAIL ?? demoDpoEmail } };
}
