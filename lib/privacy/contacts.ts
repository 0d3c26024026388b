import { env } from "@/lib/env";

/** Who answers for the customer's data, as the footer, the privacy notice and consent receipts name them. */
export type PrivacyContacts = {
  controller: { name: string; email: string; phone: string };
  dpo: { email: string };
};

// The demo company; a deployment names itself through TILLIT_CONTROLLER_NAME/_EMAIL/_PHONE
// and its officer through TILLIT_DPO_EMAIL.
const demo: PrivacyContacts = {
  controller: { name: "Tillit Demo AS", email: "personvern@tillit.example", phone: "+47 22 00 00 00" },
  dpo: { email: "personvernombud@tillit.example" },
};

/** The controller and the data protection officer: the one place either is named from. */
export function privacyContacts(): PrivacyContacts {
  const e = env();
  return {
    controller: {
      name: e.TILLIT_CONTROLLER_NAME ?? demo.controller.name,
      email: e.TILLIT_CONTROLLER_EMAIL ?? demo.controller.email,
      phone: e.TILLIT_CONTROLLER_PHONE ?? demo.controller.phone,
    },
    dpo: { email: e.TILLIT_DPO_EMAIL ?? demo.dpo.email },
  };
}
