import type catalogue from "@/messages/en/export-file.json";
import type { ExportCategoryKey } from "./keys";

// How index.html shows each exported field to a person: under a label in their language,
// with codes translated, money and times as the site shows them. Every field of the
// catalogue (sources.ts) is either shown here or left to data.json and the CSVs (ids,
// internal references, technical detail); a test keeps the two lists in step.

export type FieldLabel = keyof (typeof catalogue)["exportFile"]["fields"];

export type FieldView = { label: FieldLabel } & (
  | { as: "text" }
  /** A UTC time, as a date and time in Oslo. */
  | { as: "time" }
  /** A UTC time, as a date in Oslo. */
  | { as: "date" }
  /** A calendar day (`YYYY-MM-DD`). */
  | { as: "day" }
  | { as: "number" }
  /** Points gained or spent, with their sign. */
  | { as: "points" }
  /** An amount in øre, with the currency held in another field. */
  | { as: "money"; currency: string }
  | { as: "yesNo" }
  | { as: "onOff" }
  /** A stored code, translated by the message `${messages}.${code}` (else `fallback`, else shown as stored). */
  | { as: "code"; messages: string; fallback?: string }
  /** A purpose key, as the purpose's name. */
  | { as: "purpose" }
  /** Data category keys, as their names. */
  | { as: "categories" }
  /** A text stored in both languages. */
  | { as: "localised" }
  /** A browser's user agent, as browser and operating system. */
  | { as: "device" }
  /** An ISO 3166 country code, as the country's name. */
  | { as: "country" }
  /** A locale code, as the language's name. */
  | { as: "language" }
  /** A staff access reason: a system reason translated, an agent's own words as given. */
  | { as: "staffReason" }
  /** What staff did (a code), or what a system connected to ours checked (`staffRole` "system": the purpose in `field`). */
  | { as: "staffAction" }
  /** The masked detail a staff member revealed; nothing for a system access, whose `field` is a purpose. */
  | { as: "staffField" }
);

export type RecordView = {
  /** Shown, in this order. */
  show: Record<string, FieldView>;
  /** Left to data.json and the CSV. */
  leave: readonly string[];
};

const v = {
  text: (label: FieldLabel): FieldView => ({ label, as: "text" }),
  time: (label: FieldLabel): FieldView => ({ label, as: "time" }),
  date: (label: FieldLabel): FieldView => ({ label, as: "date" }),
  day: (label: FieldLabel): FieldView => ({ label, as: "day" }),
  number: (label: FieldLabel): FieldView => ({ label, as: "number" }),
  yesNo: (label: FieldLabel): FieldView => ({ label, as: "yesNo" }),
  code: (label: FieldLabel, messages: string, fallback?: string): FieldView => ({
    label,
    as: "code",
    messages,
    fallback,
  }),
  purpose: (label: FieldLabel = "purpose"): FieldView => ({ label, as: "purpose" }),
  device: (label: FieldLabel = "device"): FieldView => ({ label, as: "device" }),
};

export const recordViews: Record<ExportCategoryKey, RecordView> = {
  profile: {
    show: {
      customerNumber: v.text("customerNumber"),
      givenName: v.text("givenName"),
      familyName: v.text("familyName"),
      email: v.text("email"),
      emailVerifiedAt: v.date("emailVerifiedAt"),
      phone: v.text("phone"),
      birthDate: v.day("birthDate"),
      locale: { label: "language", as: "language" },
      createdAt: v.date("customerSince"),
      updatedAt: v.time("lastChanged"),
    },
    leave: ["customerId"],
  },
  addresses: {
    show: {
      label: v.code("addressType", "data.addressLabel"),
      line1: v.text("address"),
      line2: v.text("addressLine2"),
      postcode: v.text("postcode"),
      city: v.text("city"),
      country: { label: "country", as: "country" },
      isPrimary: v.yesNo("primaryAddress"),
      createdAt: v.date("added"),
    },
    leave: ["id"],
  },
  orders: {
    show: {
      orderNumber: v.text("orderNumber"),
      placedAt: v.time("placedAt"),
      status: v.code("status", "data.orderStatus"),
      channel: v.code("where", "data.channels"),
      itemCount: v.number("items"),
      totalOre: { label: "total", as: "money", currency: "currency" },
      offerSavingOre: { label: "offerSaving", as: "money", currency: "currency" },
      usedSavedAddress: v.yesNo("usedSavedAddress"),
    },
    leave: ["id", "currency"],
  },
  loyaltyAccount: {
    show: {
      memberNumber: v.text("memberNumber"),
      tier: v.code("tier", "data.tier"),
      pointsBalance: v.number("pointsBalance"),
      joinedAt: v.date("memberSince"),
    },
    leave: [],
  },
  loyaltyTransactions: {
    show: {
      occurredAt: v.time("when"),
      points: { label: "points", as: "points" },
      reason: v.code("pointsReason", "data.loyaltyReason"),
      orderNumber: v.text("orderNumber"),
    },
    leave: ["id"],
  },
  devices: {
    show: {
      name: v.text("device"),
      kind: v.code("deviceKind", "data.deviceKind"),
      os: v.text("os"),
      firstSeenAt: v.date("firstUsed"),
      lastSeenAt: v.date("lastUsed"),
    },
    leave: ["id"],
  },
  interactionEvents: {
    show: {
      occurredAt: v.time("when"),
      channel: v.code("channel", "data.channels"),
      kind: v.code("whatHappened", "data.interactionKinds"),
      purposeKey: v.purpose("collectedFor"),
      sentBy: v.text("sentBy"),
    },
    leave: ["id", "detail"],
  },
  supportTickets: {
    show: {
      reference: v.text("case"),
      subject: v.text("subject"),
      channel: v.code("channel", "data.ticketChannel"),
      status: v.code("status", "data.ticketStatus"),
      createdAt: v.date("opened"),
      closedAt: v.date("closed"),
    },
    leave: ["id"],
  },
  messagesSent: {
    show: {
      sentAt: v.time("sent"),
      channel: v.code("channel", "data.messageChannel"),
      subject: v.text("subject"),
      purposeKey: v.purpose("sentFor"),
    },
    leave: ["id"],
  },
  inferences: {
    show: {
      label: { label: "inference", as: "localised" },
      kind: v.code("inferenceKind", "data.inferences.kind"),
      derivedFrom: { label: "basedOn", as: "localised" },
      sourceCategories: { label: "fromData", as: "categories" },
      status: v.code("status", "exportFile.inferenceStatus"),
      createdAt: v.date("workedOut"),
      rejectedAt: v.date("removed"),
    },
    leave: ["id"],
  },
  consentEvents: {
    show: {
      occurredAt: v.time("when"),
      purposeKey: v.purpose(),
      purposeVersion: v.number("purposeVersion"),
      action: v.code("whatHappened", "consentHistory.actions"),
      method: v.code("how", "consentHistory.methods"),
      sourceChannel: v.code("where", "consentHistory.channels"),
      locale: { label: "textLanguage", as: "language" },
      userAgent: v.device(),
      gpc: v.yesNo("privacySignal"),
      expiresAt: v.date("lastsUntil"),
    },
    leave: ["id", "shownText"],
  },
  consentStates: {
    show: {
      purposeKey: v.purpose(),
      purposeVersion: v.number("purposeVersion"),
      granted: { label: "yourChoice", as: "onOff" },
      expiresAt: v.date("lastsUntil"),
      updatedAt: v.time("lastChanged"),
    },
    leave: ["lastEventId"],
  },
  communicationPreferences: {
    show: {
      topic: v.purpose("topic"),
      channel: v.code("channel", "preferences.channel"),
      allowed: v.yesNo("allowed"),
      updatedAt: v.time("lastChanged"),
    },
    leave: [],
  },
  staffAccessLog: {
    show: {
      occurredAt: v.time("when"),
      staffName: v.text("staffMember"),
      staffRole: v.code("staffRole", "access.role", "access.role.other"),
      action: { label: "staffAction", as: "staffAction" },
      field: { label: "revealed", as: "staffField" },
      reason: { label: "reason", as: "staffReason" },
      justification: v.code("justification", "access.justification"),
      caseReference: v.text("caseReference"),
      verified: v.yesNo("verifiedByCode"),
    },
    leave: ["id"],
  },
  disclosures: {
    show: {
      disclosedAt: v.time("when"),
      recipientName: v.text("recipient"),
      recipientCountry: { label: "country", as: "country" },
      purposeKey: v.purpose(),
      dataCategories: { label: "dataShared", as: "categories" },
      reference: v.text("concerning"),
    },
    leave: ["id"],
  },
  dataChanges: {
    show: {
      occurredAt: v.time("when"),
      field: v.code("changedDetail", "profile.changeField", "profile.changeField.other"),
      action: v.code("change", "exportFile.changeAction"),
    },
    leave: ["id"],
  },
  sessions: {
    show: {
      userAgent: v.device(),
      createdAt: v.time("signedIn"),
      lastSeenAt: v.time("lastUsed"),
      expiresAt: v.date("signedOutBy"),
    },
    leave: ["id"],
  },
  signIns: {
    show: {
      occurredAt: v.time("when"),
      userAgent: v.device(),
    },
    leave: ["id"],
  },
  dataSubjectRequests: {
    show: {
      kind: v.code("request", "requests.kind"),
      status: v.code("status", "requests.status"),
      receivedAt: v.time("received"),
      dueOn: v.day("answerDue"),
      extendedDueOn: v.day("extendedDue"),
      extensionReason: v.text("extensionReason"),
      reason: v.text("yourReason"),
      scheduledFor: v.time("scheduledFor"),
      completedAt: v.time("completed"),
      updatedAt: v.time("lastChanged"),
    },
    leave: ["id", "details"],
  },
  dataSubjectRequestEvents: {
    show: {
      occurredAt: v.time("when"),
      status: v.code("status", "requests.status"),
      note: v.text("note"),
    },
    leave: ["id", "requestId"],
  },
};
