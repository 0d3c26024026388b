import { afterEach, describe, expect, it, vi } from "vitest";
import { receiptController } from "@/lib/receipts/controller";
import { privacyContacts } from "./contacts";

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("privacy contacts", () => {
  it("names the demo controller and data protection officer when nothing is configured", () => {
    vi.stubEnv("TILLIT_CONTROLLER_NAME", "");
    vi.stubEnv("TILLIT_CONTROLLER_EMAIL", "");
    vi.stubEnv("TILLIT_CONTROLLER_PHONE", "");
    vi.stubEnv("TILLIT_DPO_EMAIL", "");
    expect(privacyContacts()).toEqual({
      controller: { name: "Tillit Demo AS", email: "personvern@tillit.example", phone: "+47 22 00 00 00" },
      dpo: { email: "personvernombud@tillit.example" },
    });
  });

  it("names the deployment's own controller and officer, the same controller as on consent receipts", () => {
    vi.stubEnv("TILLIT_CONTROLLER_NAME", "Butikken AS");
    vi.stubEnv("TILLIT_CONTROLLER_EMAIL", "personvern@butikken.example");
    vi.stubEnv("TILLIT_CONTROLLER_PHONE", "+47 23 45 67 89");
    vi.stubEnv("TILLIT_DPO_EMAIL", " dpo@butikken.example ");
    expect(privacyContacts()).toEqual({
      controller: { name: "Butikken AS", email: "personvern@butikken.example", phone: "+47 23 45 67 89" },
      dpo: { email: "dpo@butikken.example" },
    });
  });

  it("gives consent receipts the data protection officer's own address under that title, and the controller's name and phone", () => {
    for (const dpoEmail of ["", "dpo@butikken.example"]) {
      vi.stubEnv("TILLIT_CONTROLLER_NAME", "Butikken AS");
      vi.stubEnv("TILLIT_CONTROLLER_EMAIL", "personvern@butikken.example");
      vi.stubEnv("TILLIT_DPO_EMAIL", dpoEmail);
      const { controller, dpo } = privacyContacts();
      expect(receiptController()).toMatchObject({
        name: controller.name,
        contact: "Data Protection Officer",
        email: dpo.email,
        phone: controller.phone,
      });
    }
  });
});
