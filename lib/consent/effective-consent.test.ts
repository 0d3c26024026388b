import { describe, expect, it } from "vitest";
import { evaluateConsent } from "./effective-consent";

const granted = (purposeVersion: number) => ({ purposeVersion, granted: true, expiresAt: null, lastEventId: 1 });
const context = { restrictedSince: null };

describe("evaluateConsent and versions published as not material", () => {
  it("asks again after a material version: the consent applies as the version agreed to", () => {
    const purpose = { key: "news", version: 2, legalBasis: "consent" as const, materialVersion: null };
    expect(evaluateConsent(purpose, granted(1), context)).toMatchObject({
      allowed: true,
      needsReconsent: true,
      consentVersion: 1,
    });
  });

  it("carries a consent over a version that is not material, as the current version", () => {
    const purpose = { key: "news", version: 3, legalBasis: "consent" as const, materialVersion: 2 };
    expect(evaluateConsent(purpose, granted(2), context)).toMatchObject({
      allowed: true,
      needsReconsent: false,
      consentVersion: 3,
    });
    // A consent from before the last material version is still asked again.
    expect(evaluateConsent(purpose, granted(1), context)).toMatchObject({ needsReconsent: true, consentVersion: 1 });
  });
});
