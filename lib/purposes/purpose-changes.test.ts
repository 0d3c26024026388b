import { describe, expect, it } from "vitest";
import { demoPurposes, demoRetiredPurposes } from "@/lib/demo/demo-purposes";
import { diffPurposeVersions } from "./purpose-changes";

const offersV1 = demoRetiredPurposes.find((p) => p.key === "personalised_offers")!;
const offersV2 = demoPurposes.find((p) => p.key === "personalised_offers")!;
const version = (overrides: Partial<typeof offersV1> = {}) => ({
  ...offersV1,
  recipients: offersV1.recipients ?? [],
  channels: offersV1.channels ?? [],
  sharesWithThirdParties: offersV1.sharesWithThirdParties ?? false,
  consentLifetimeDays: offersV1.consentLifetimeDays ?? null,
  ...overrides,
});

describe("diffPurposeVersions", () => {
  it("finds what personalised offers version 2 changes from version 1, in the customer's language", () => {
    expect(diffPurposeVersions(version(), version(offersV2), "en")).toEqual([
      {
        kind: "text",
        field: "description",
        before: "We use your purchases and visits to choose offers that suit you.",
        after:
          "We use your purchases, visits and loyalty points to choose offers that suit you, by email, in the app and in a printed catalogue.",
      },
      { kind: "list", field: "dataCategories", added: ["loyalty"], removed: [] },
      { kind: "list", field: "channels", added: ["post"], removed: [] },
      { kind: "lifetime", before: null, after: 730 },
    ]);
    const nb = diffPurposeVersions(version(), version(offersV2), "nb");
    expect(nb[0]).toMatchObject({ field: "description", after: expect.stringContaining("kundeklubbpoengene") });
  });

  it("finds nothing between a version and itself", () => {
    expect(diffPurposeVersions(version(), version(), "nb")).toEqual([]);
  });

  it("tells each text the customer reads: name, description, benefit, retention and what switching off means", () => {
    const en = offersV1.texts.en;
    const changed = version({
      texts: {
        nb: offersV1.texts.nb,
        en: { name: "Offers", description: "New", benefit: "More", consequence: "Less", retention: "Longer" },
      },
    });
    expect(diffPurposeVersions(version(), changed, "en")).toEqual([
      { kind: "text", field: "name", before: en.name, after: "Offers" },
      { kind: "text", field: "description", before: en.description, after: "New" },
      { kind: "text", field: "benefit", before: en.benefit, after: "More" },
      { kind: "text", field: "retention", before: en.retention, after: "Longer" },
      { kind: "text", field: "consequence", before: en.consequence, after: "Less" },
    ]);
    // Only the English texts changed: a Norwegian customer is told of no text change.
    expect(diffPurposeVersions(version(), changed, "nb")).toEqual([]);
  });

  it("tells recipients and channels added and removed, and a recipient whose role changed as both", () => {
    const bring = { name: "Posten Bring AS", country: "NO", role: "processor" as const };
    const mailchimp = { name: "Mailchimp (Intuit Inc.)", country: "US", role: "processor" as const };
    const before = version({ recipients: [bring], channels: ["email", "push"] });
    const after = version({ recipients: [{ ...bring, role: "controller" }, mailchimp], channels: ["sms", "push"] });
    expect(diffPurposeVersions(before, after, "en")).toEqual([
      { kind: "list", field: "channels", added: ["sms"], removed: ["email"] },
      { kind: "recipients", added: [{ ...bring, role: "controller" }, mailchimp], removed: [bring] },
    ]);
  });

  it("tells when a version starts sharing with third parties, and a consent lifetime that changes", () => {
    const after = version({ sharesWithThirdParties: true, consentLifetimeDays: 365 });
    expect(diffPurposeVersions(version({ consentLifetimeDays: 730 }), after, "en")).toEqual([
      { kind: "sharing", before: false, after: true },
      { kind: "lifetime", before: 730, after: 365 },
    ]);
  });
});
