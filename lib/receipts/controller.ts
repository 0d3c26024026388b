import { env } from "@/lib/env";

/** The data controller as consent receipts name it (ISO/IEC TS 27560 piiControllers). */
export type ReceiptController = {
  name: string;
  contact: string;
  email: string;
  /** Kantara CR v1.1 requires a phone number for the controller. */
  phone: string;
  address: { streetAddress: string; postalCode: string; addressLocality: string; addressCountry: string };
};

// The demo company; a deployment names itself through TILLIT_CONTROLLER_NAME/_EMAIL/_PHONE.
const defaults: ReceiptController = {
  name: "Tillit Demo AS",
  contact: "Data Protection Officer",
  email: "personvern@tillit.example",
  phone: "+47 22 00 00 00",
  address: { streetAddress: "Storgata 1", postalCode: "0155", addressLocality: "Oslo", addressCountry: "NO" },
};

export function receiptController(): ReceiptController {
  const e = env();
  return {
    ...defaults,
    name: e.TILLIT_CONTROLLER_NAME ?? defaults.name,
    email: e.TILLIT_CONTROLLER_EMAIL ?? defaults.email,
    phone: e.TILLIT_CONTROLLER_PHONE ?? defaults.phone,
  };
}
