import { privacyContacts } from "@/lib/privacy/contacts";

/** The data controller as consent receipts name it (ISO/IEC TS 27560 piiControllers). */
export type ReceiptController = {
  name: string;
  contact: string;
  email: string;
  /** Kantara CR v1.1 requires a phone number for the controller. */
  phone: string;
  address: { streetAddress: string; postalCode: string; addressLocality: string; addressCountry: string };
};

const demoAddress: ReceiptController["address"] = {
  streetAddress: "Storgata 1",
  postalCode: "0155",
  addressLocality: "Oslo",
  addressCountry: "NO",
};

/**
 * The controller as the footer and the privacy notice name it, with its data protection
 * officer as the receipt's contact: the address under that title is the officer's own.
 */
export function receiptController(): ReceiptController {
  const { controller, dpo } = privacyContacts();
  return {
    name: controller.name,
    contact: "Data Protection Officer",
    email: dpo.email,
    phone: controller.phone,
    address: demoAddress,
  };
}
