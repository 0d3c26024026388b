import {
  addresses,
  communicationChannels,
  consentActions,
  consentMethods,
  consentSources,
  dataChanges,
  dataSubjectRequestEvents,
  devices,
  inferences,
  interactionChannels,
  legalBases,
  loyaltyAccounts,
  loyaltyTransactions,
  messagesSent,
  orders,
  requestKinds,
  requestStatuses,
  staffAccessLog,
  supportTickets,
} from "@/db/schema";
import { categoryKeys } from "@/lib/data-inventory/categories";
import { dpvPurposeTerms } from "@/lib/purposes/dpv-purposes";
import { dpvPersonalDataTerms, dpvVocabularies } from "./dpv";
import { exportCategoryKeys, rightKeys, type ExportCategoryKey } from "./keys";

// The JSON Schema (draft 2020-12) of data.json, version 1: served at /schemas/export-v1.json
// and put in every zip. Objects are closed (additionalProperties: false) so that the schema
// is the documentation: a field added without it fails the export test.

export const exportSchemaPath = "/schemas/export-v1.json";

type Schema = Record<string, unknown>;

const str: Schema = { type: "string" };
const nstr: Schema = { type: ["string", "null"] };
const int: Schema = { type: "integer" };
const nint: Schema = { type: ["integer", "null"] };
const bool: Schema = { type: "boolean" };
const time: Schema = { type: "string", format: "date-time", pattern: "Z$" };
const ntime: Schema = { anyOf: [time, { type: "null" }] };
const day: Schema = { type: "string", format: "date" };
const nday: Schema = { anyOf: [day, { type: "null" }] };
const id: Schema = { type: "string", minLength: 1 };
const strings: Schema = { type: "array", items: str };
const oneOf = (values: readonly string[]): Schema => ({ type: "string", enum: [...values] });
const nOneOf = (values: readonly string[]): Schema => ({ enum: [...values, null] });
const localised: Schema = {
  type: "object",
  properties: { nb: str, en: str },
  required: ["nb", "en"],
  additionalProperties: false,
};
const jsonObject: Schema = { type: "object" };

/** A closed object: every listed property required, no others. */
function record(properties: Record<string, Schema>, description?: string): Schema {
  return {
    type: "object",
    ...(description ? { description } : {}),
    properties,
    required: Object.keys(properties),
    additionalProperties: false,
  };
}

const recipient = record({ name: str, country: str, role: oneOf(["processor", "controller"]) });

/** The record of each category; property order is the CSV column order. */
export const recordSchemas: Record<ExportCategoryKey, Schema> = {
  profile: record(
    {
      customerId: id,
      givenName: str,
      familyName: str,
      email: { type: "string", format: "email" },
      emailVerifiedAt: ntime,
      phone: nstr,
      birthDate: nday,
      locale: oneOf(["nb", "en"]),
      createdAt: time,
      updatedAt: time,
    },
    "Name, sign-in email, phone, birth date and language.",
  ),
  addresses: record({
    id,
    label: oneOf(addresses.label.enumValues),
    line1: str,
    line2: nstr,
    postcode: str,
    city: str,
    country: { type: "string", description: "ISO 3166-1 alpha-2" },
    isPrimary: bool,
    createdAt: time,
  }),
  orders: record(
    {
      id,
      orderNumber: str,
      placedAt: time,
      status: oneOf(orders.status.enumValues),
      channel: oneOf(orders.channel.enumValues),
      itemCount: int,
      totalOre: { type: "integer", description: "Total in øre (1/100 of the currency unit)." },
      offerSavingOre: { type: "integer", description: "What personalised offers saved on this order, in øre." },
      currency: { type: "string", description: "ISO 4217, e.g. NOK" },
      usedSavedAddress: bool,
    },
    "Money is an integer in øre together with its currency.",
  ),
  loyaltyAccount: record({
    memberNumber: str,
    tier: oneOf(loyaltyAccounts.tier.enumValues),
    pointsBalance: int,
    joinedAt: time,
  }),
  loyaltyTransactions: record({
    id,
    occurredAt: time,
    points: int,
    reason: oneOf(loyaltyTransactions.reason.enumValues),
    orderNumber: nstr,
  }),
  devices: record({
    id,
    kind: oneOf(devices.kind.enumValues),
    name: str,
    os: str,
    firstSeenAt: time,
    lastSeenAt: time,
  }),
  interactionEvents: record({
    id,
    occurredAt: time,
    channel: oneOf(interactionChannels),
    kind: str,
    detail: { anyOf: [jsonObject, { type: "null" }] },
  }),
  supportTickets: record({
    id,
    reference: str,
    subject: str,
    channel: oneOf(supportTickets.channel.enumValues),
    status: oneOf(supportTickets.status.enumValues),
    createdAt: time,
    closedAt: ntime,
  }),
  messagesSent: record({
    id,
    sentAt: time,
    channel: oneOf(messagesSent.channel.enumValues),
    purposeKey: str,
    subject: str,
  }),
  inferences: record(
    {
      id,
      kind: oneOf(inferences.kind.enumValues),
      label: localised,
      derivedFrom: localised,
      sourceCategories: strings,
      status: oneOf(inferences.status.enumValues),
      createdAt: time,
      rejectedAt: ntime,
    },
    "What was derived about you, and from what. A rejected one is kept only so it is never derived again.",
  ),
  consentEvents: record(
    {
      id,
      occurredAt: time,
      purposeKey: str,
      purposeVersion: int,
      action: oneOf(consentActions),
      method: oneOf(consentMethods),
      sourceChannel: oneOf(consentSources),
      gpc: { type: "boolean", description: "A Global Privacy Control signal was sent." },
      locale: oneOf(["nb", "en"]),
      userAgent: nstr,
      shownText: {
        type: "object",
        description: "The purpose text shown when the choice was made.",
        additionalProperties: str,
      },
      expiresAt: ntime,
    },
    "Every consent choice (append-only history).",
  ),
  consentStates: record({
    purposeKey: str,
    purposeVersion: int,
    granted: bool,
    expiresAt: ntime,
    lastEventId: id,
    updatedAt: time,
  }),
  communicationPreferences: record({
    channel: oneOf(communicationChannels),
    topic: str,
    allowed: bool,
    updatedAt: time,
  }),
  staffAccessLog: record({
    id,
    occurredAt: time,
    staffRole: oneOf(staffAccessLog.staffRole.enumValues),
    staffName: str,
    action: oneOf(staffAccessLog.action.enumValues),
    field: nstr,
    reason: str,
  }),
  disclosures: record({
    id,
    disclosedAt: time,
    recipientName: str,
    recipientCountry: str,
    purposeKey: str,
    dataCategories: strings,
    reference: nstr,
  }),
  dataChanges: record({ id, occurredAt: time, field: str, action: oneOf(dataChanges.action.enumValues) }),
  sessions: record({ id, createdAt: time, lastSeenAt: ntime, expiresAt: time, userAgent: nstr }),
  signIns: record({ id, occurredAt: time, userAgent: nstr }),
  dataSubjectRequests: record({
    id,
    kind: oneOf(requestKinds),
    status: oneOf(requestStatuses),
    receivedAt: time,
    dueOn: day,
    extendedDueOn: nday,
    extensionReason: nstr,
    reason: nstr,
    details: jsonObject,
    scheduledFor: ntime,
    completedAt: ntime,
    updatedAt: time,
  }),
  dataSubjectRequestEvents: record({
    id,
    requestId: id,
    occurredAt: time,
    status: oneOf(dataSubjectRequestEvents.status.enumValues),
    note: nstr,
  }),
};

const dpvPd: Schema = { type: "array", items: oneOf(dpvPersonalDataTerms) };

function categoryBlock(key: ExportCategoryKey): Schema {
  return record({
    dpv: {
      ...dpvPd,
      minItems: 1,
      description: "W3C DPV personal-data categories (dpv-pd: = https://w3id.org/dpv/pd#).",
    },
    inventoryCategories: { type: "array", items: oneOf(categoryKeys) },
    records: { type: "array", items: { $ref: `#/$defs/${key}` } },
    count: { type: "integer", minimum: 0 },
  });
}

const art15Schema = record(
  {
    purposes: {
      type: "array",
      items: record({
        key: str,
        version: int,
        name: str,
        description: str,
        benefit: str,
        legalBasis: oneOf(legalBases),
        legalBasisDpv: oneOf(["dpv:Consent", "dpv:Contract", "dpv:LegalObligation", "dpv:LegitimateInterest"]),
        dpvPurposes: { type: "array", items: oneOf(dpvPurposeTerms), minItems: 1 },
        dataCategories: strings,
        channels: strings,
        retentionDays: nint,
        retention: str,
        recipients: { type: "array", items: recipient },
        sharesWithThirdParties: bool,
        consent: record({
          status: oneOf([
            "required",
            "granted",
            "withdrawn",
            "not_asked",
            "expired",
            "in_use",
            "objected",
            "restricted",
          ]),
          allowed: bool,
          consentVersion: nint,
          needsReconsent: bool,
          expiresAt: ntime,
        }),
      }),
    },
    categories: {
      type: "array",
      items: record({
        key: oneOf(categoryKeys),
        name: str,
        dpv: { ...dpvPd, minItems: 1 },
        count: { type: "integer", minimum: 0 },
        source: record({
          kind: oneOf(["given", "observed", "inferred", "partner"]),
          partner: nstr,
          description: str,
        }),
        purposes: {
          type: "array",
          items: record({ key: str, legalBasis: oneOf(legalBases), inUse: bool }),
        },
        recipients: { type: "array", items: recipient },
        retention: record({
          kind: oneOf(["whileCustomer", "days", "yearEnd"]),
          days: nint,
          years: nint,
          description: str,
        }),
        oldestAt: ntime,
        deletesAt: ntime,
      }),
    },
    recipients: {
      type: "array",
      items: record({
        name: str,
        country: str,
        countryName: str,
        role: nOneOf(["processor", "controller"]),
        purposeKeys: strings,
        disclosureCount: { type: "integer", minimum: 0 },
        outsideEea: bool,
      }),
    },
    transfers: {
      type: "array",
      items: record({ recipient: str, country: str, countryName: str, purposeKeys: strings }),
    },
    automatedDecisionMaking: record({
      profiling: bool,
      legalOrSimilarlySignificantEffects: bool,
      description: str,
      inferences: {
        type: "array",
        items: record({ id, kind: str, label: str, derivedFrom: str, sourceCategories: strings }),
      },
    }),
    rights: {
      type: "array",
      items: record({
        right: oneOf(rightKeys),
        article: str,
        description: str,
        url: { type: "string", format: "uri" },
      }),
    },
    complaintAuthority: record({ name: str, url: { type: "string", format: "uri" } }),
  },
  "The information GDPR Article 15 entitles you to: purposes, categories, recipients, retention, source, automated decisions and your rights.",
);

/** The schema, with its `$id` on this deployment's address. */
export function exportSchema(appUrl: string): Schema {
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $id: `${appUrl.replace(/\/+$/, "")}${exportSchemaPath}`,
    title: "Tillit personal data export, version 1",
    description:
      "Everything Tillit holds about one customer. Times are ISO 8601 in UTC; ids are strings and stable; money is an integer in øre with its currency. Categories and purposes carry W3C Data Privacy Vocabulary terms.",
    type: "object",
    properties: {
      $schema: { type: "string", format: "uri" },
      format: { const: "tillit-export" },
      formatVersion: { const: 1 },
      exportId: id,
      generatedAt: time,
      locale: oneOf(["nb", "en"]),
      subject: record({ customerId: id }),
      vocabularies: record({ dpv: { const: dpvVocabularies.dpv }, "dpv-pd": { const: dpvVocabularies["dpv-pd"] } }),
      art15: art15Schema,
      categories: record(Object.fromEntries(exportCategoryKeys.map((key) => [key, categoryBlock(key)]))),
    },
    required: [
      "$schema",
      "format",
      "formatVersion",
      "exportId",
      "generatedAt",
      "locale",
      "subject",
      "vocabularies",
      "art15",
      "categories",
    ],
    additionalProperties: false,
    $defs: recordSchemas,
  };
}
