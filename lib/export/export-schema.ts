import { legalBases } from "@/db/schema";
import { categoryKeys } from "@/lib/data-inventory/categories";
import { dpvPurposeTerms } from "@/lib/purposes/dpv-purposes";
import { dpvPersonalDataTerms, dpvVocabularies } from "./dpv";
import { addedFieldsOf, schemaOf } from "./fields";
import {
  bool,
  id,
  int,
  nint,
  nOneOf,
  nstr,
  ntime,
  oneOf,
  record,
  str,
  strings,
  time,
  type Schema,
} from "./json-schema";
import { exportCategoryKeys, rightKeys, type ExportCategoryKey } from "./keys";
import { exportSources } from "./sources";

// The JSON Schema (draft 2020-12) of data.json, version 1: served at /schemas/export-v1.json
// and put in every zip. Objects are closed (additionalProperties: false) so that the schema
// is the documentation. The records' schemas come from the catalogue's fields (sources.ts),
// so a field cannot be exported without being described.

export const exportSchemaPath = "/schemas/export-v1.json";

const recipient = record({ name: str, country: str, role: oneOf(["processor", "controller"]) });

/** The record of each category, from the catalogue's fields; property order is the CSV column order. */
export const recordSchemas = Object.fromEntries(
  exportCategoryKeys.map((key) => {
    const { fields, description } = exportSources[key];
    return [key, record(schemaOf(fields), description, addedFieldsOf(fields))];
  }),
) as Record<ExportCategoryKey, Schema>;

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
          kind: oneOf(["whileCustomer", "days", "years", "yearEnd"]),
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
