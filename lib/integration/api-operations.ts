import { z } from "zod";
import { apiScopes, communicationChannels, interactionChannels, webhookEventTypes, type ApiScope } from "@/db/schema";
import { hasInvisibleCharacters } from "@/lib/validation/text";
import { customerReferenceSchema } from "./customer-reference";
import { webhookUrlSchema } from "./webhooks/webhook-schema";
import { decisionReasons } from "./decision-reasons";

// The /api/v1 operations: what each one takes and gives, as zod schemas. The route
// handlers validate with these (defineApiRoute) and /api/v1/openapi.json is generated from
// them, so the document cannot drift from what the server accepts.

export const MAX_BULK_CUSTOMERS = 10_000;
/** The subscription id the document shows as an example (the fuzz test gives its client one with this id). */
export const EXAMPLE_SUBSCRIPTION_ID = "0b8f2f4e-8a52-4d7c-9a55-7d1f3f0c2a11";
export const MAX_EVENTS_PER_BATCH = 1_000;

const purposeKey = z
  .string()
  .regex(/^[a-z][a-z0-9_]{1,63}$/)
  .meta({ description: "A purpose's stable key, as the studio shows it.", examples: ["newsletter"] });
const channel = z.enum(communicationChannels).meta({ description: "The channel the message would go by." });
const timestamp = z.iso.datetime({ offset: true });

export const errorBody = z
  .object({
    error: z.object({
      code: z.string().meta({ description: "Machine-readable, stable: e.g. invalid_request, customer_not_found." }),
      message: z.string().meta({ description: "For people, in the language of Accept-Language (nb or en)." }),
      details: z
        .array(z.object({ path: z.string(), code: z.string(), message: z.string() }))
        .optional()
        .meta({
          description:
            "For invalid_request: each field that was refused. code is zod's issue code (invalid_type, too_big, " +
            "too_small, invalid_format, invalid_value, unrecognized_keys, invalid_union) or one of " +
            "email_not_allowed, invalid_customer_reference, invisible_characters, contact_details_in_property, " +
            "event_too_old, event_in_future, " +
            "purpose_not_found, reserved_key, invalid_url, https_only, private_host, choose_event_type, " +
            "unknown_event_type; message is for people, in the caller's language.",
        }),
    }),
  })
  .meta({ id: "Error" });

const decision = z.enum(["allow", "deny"]);
const reason = z.enum(decisionReasons).meta({
  description:
    "granted (consent at a version), legitimate_interest, required (contract or law); withdrawn, not_asked, expired, " +
    "objected, global_privacy_control, restricted (Art. 18), erased; channel_not_offered, channel_needs_reconsent, " +
    "channel_switched_off; unknown_customer (bulk only).",
});

export const consentDecisionBody = z
  .object({
    customer: z.string().meta({ description: "The reference as given." }),
    decision,
    reason,
    purpose: z.object({ key: z.string(), version: z.number().int() }),
    channel: channel.nullable(),
    consentVersion: z
      .number()
      .int()
      .nullable()
      .meta({ description: "The version agreed to; older than purpose.version while the customer has not answered." }),
    since: timestamp.nullable().meta({ description: "When the customer's last choice about this purpose was made." }),
    expiresAt: timestamp.nullable(),
    checkedAt: timestamp,
  })
  .meta({ id: "ConsentDecision" });

export const bulkCheckRequest = z
  .object({
    purpose: purposeKey,
    channel: channel.optional(),
    customers: z.array(customerReferenceSchema).min(1).max(MAX_BULK_CUSTOMERS),
  })
  .strict()
  .meta({ id: "BulkConsentCheckRequest" });

export const bulkCheckBody = z
  .object({
    purpose: z.object({ key: z.string(), version: z.number().int() }),
    channel: channel.nullable(),
    checkedAt: timestamp,
    allowed: z.number().int().meta({ description: "How many of the customers may be used." }),
    results: z
      .array(z.object({ customer: z.string(), decision, reason, consentVersion: z.number().int().nullable() }))
      .meta({ description: "One per customer given, in the same order." }),
  })
  .meta({ id: "BulkConsentCheck" });

// Shown to the customer on their data pages: no control, format or lone surrogate characters
// (PostgreSQL's jsonb refuses NUL and lone surrogates outright; the others disguise text).
const propertyText = z
  .string()
  .max(500)
  .refine((value) => !hasInvisibleCharacters(value, { multiLine: true }), {
    message: "Control, format and unpaired surrogate characters are not accepted.",
    params: { code: "invisible_characters" },
  });
// An event names its customer by reference; its properties describe what happened, never
// who. Contact details or a name there would sit outside every place the customer sees and
// erasure reaches (and could be another person's): refused by key and by the look of a value.
const contactKeys =
  /^(e_?mail|mail|email_address|phone|phone_number|mobile|telephone|tel|sms|name|first_name|last_name|full_name|given_name|family_name|surname|address|street|street_address|postcode|postal_code|zip|birth_?date|date_of_birth|dob|ssn|national_id|fodselsnummer|personnummer|password|ip|ip_address)$/;
const looksLikeEmail = /[^\s@]+@[^\s@]+\.[^\s@]+/;
const propertyValue = z.union([
  propertyText.refine((value) => !looksLikeEmail.test(value), {
    message: "An email address is not accepted in a property: name the customer by reference.",
    params: { code: "contact_details_in_property" },
  }),
  z.number(),
  z.boolean(),
]);
/** No interaction event is older than the systems that send them. */
const EARLIEST_EVENT = Date.UTC(1970, 0, 1);
/** An event may say it happened a little in the future (clocks differ), not more. */
export const FUTURE_TOLERANCE_MS = 5 * 60 * 1000;
export const eventsRequest = z
  .object({
    events: z
      .array(
        z
          .object({
            channel: z.enum(interactionChannels),
            type: z
              .string()
              .regex(/^[a-z][a-z0-9_.]{0,63}$/)
              .meta({ examples: ["page_view", "add_to_cart"] }),
            customer: customerReferenceSchema,
            purpose: purposeKey.meta({ description: "The purpose the event is collected for; it must be in use." }),
            occurredAt: timestamp
              .refine((value) => Date.parse(value) >= EARLIEST_EVENT, {
                message: "An event cannot be dated before 1970.",
                params: { code: "event_too_old" },
              })
              .refine((value) => Date.parse(value) <= Date.now() + FUTURE_TOLERANCE_MS, {
                message: "This event is dated more than five minutes in the future.",
                params: { code: "event_in_future" },
              }),
            properties: z
              .record(z.string().regex(/^[a-z][a-z0-9_]{0,39}$/), propertyValue)
              // On the record, not its key schema: zod reports a key's own refusal only as invalid_key.
              .superRefine((record, ctx) => {
                for (const key of Object.keys(record).filter((k) => contactKeys.test(k))) {
                  ctx.addIssue({
                    code: "custom",
                    path: [key],
                    message:
                      "Contact details or a name are not accepted as a property: name the customer by reference.",
                    params: { code: "contact_details_in_property" },
                  });
                }
              })
              .refine((value) => Object.keys(value).length <= 20, { message: "at most 20 properties" })
              .optional(),
          })
          .strict(),
      )
      .min(1)
      .max(MAX_EVENTS_PER_BATCH),
  })
  .strict()
  .meta({ id: "EventBatch" });

export const eventsBody = z
  .object({
    stored: z.number().int(),
    dropped: z.number().int(),
    results: z
      .array(
        z.object({
          status: z.enum(["stored", "dropped"]),
          reason: reason.optional().meta({ description: "Why the event was dropped." }),
        }),
      )
      .meta({ description: "One per event given, in the same order." }),
  })
  .meta({ id: "EventBatchResult" });

export const webhookSubscriptionBody = z
  .object({
    id: z.string(),
    url: z.string(),
    eventTypes: z.array(z.enum(webhookEventTypes)),
    createdAt: timestamp,
    disabledAt: timestamp.nullable(),
  })
  .meta({ id: "WebhookSubscription" });

export const createWebhookRequest = z
  .object({
    // Then the use case's own rule, so that the document and a refusal agree (the document
    // shows the input side of a pipe: the description and example live there).
    url: z
      .string()
      .max(2000)
      .meta({ description: "The receiver's https address.", examples: ["https://hooks.example.com/tillit"] })
      .pipe(webhookUrlSchema),
    eventTypes: z.array(z.enum(webhookEventTypes)).min(1),
  })
  .strict()
  .meta({ id: "CreateWebhookSubscription" });

export type ApiOperation = {
  operationId: string;
  method: "GET" | "POST" | "DELETE";
  /** OpenAPI path template. */
  path: string;
  scope: ApiScope;
  summary: string;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  maxBodyBytes?: number;
  /** The batch array in the body and its cap: over the cap is a 413, not a 400. */
  batch?: { field: string; max: number };
  response: z.ZodType;
  /** Its use case may refuse for the state of a resource (409). */
  conflicts?: true;
  /** The success status, 200 unless given. */
  status?: number;
  /**
   * Its use case proves the caller's token in the statement of its reads (apiClientInForce)
   * and throws `unauthenticated` when the proof fails: the route may then take the client
   * this token had before in this process instead of reading it first.
   */
  provesClientInStatement?: true;
};

const customerParam = z.object({ customer: customerReferenceSchema, purpose: purposeKey });

export const operations = {
  checkConsent: {
    operationId: "checkConsent",
    method: "GET",
    path: "/api/v1/customers/{customer}/consents/{purpose}",
    scope: "consent.read",
    provesClientInStatement: true,
    summary: "May this purpose use this customer's data (through this channel) now?",
    params: customerParam,
    query: z.object({ channel: channel.optional() }).strict(),
    response: consentDecisionBody,
  },
  checkConsentBulk: {
    operationId: "checkConsentBulk",
    method: "POST",
    path: "/api/v1/consent-checks",
    scope: "consent.check.bulk",
    provesClientInStatement: true,
    summary: `The same question for up to ${MAX_BULK_CUSTOMERS.toLocaleString("en")} customers (a campaign audience).`,
    body: bulkCheckRequest,
    maxBodyBytes: 1_000_000,
    batch: { field: "customers", max: MAX_BULK_CUSTOMERS },
    response: bulkCheckBody,
  },
  collectEvents: {
    operationId: "collectEvents",
    method: "POST",
    path: "/api/v1/events",
    scope: "events.write",
    summary: "Interaction events; each is stored only if its purpose may use the customer's data now.",
    body: eventsRequest,
    maxBodyBytes: 1_000_000,
    batch: { field: "events", max: MAX_EVENTS_PER_BATCH },
    response: eventsBody,
  },
  listWebhooks: {
    operationId: "listWebhooks",
    method: "GET",
    path: "/api/v1/webhooks",
    scope: "webhooks.manage",
    summary: "This client's webhook subscriptions.",
    query: z.object({}).strict(),
    response: z.object({ subscriptions: z.array(webhookSubscriptionBody) }),
  },
  createWebhook: {
    operationId: "createWebhook",
    method: "POST",
    path: "/api/v1/webhooks",
    scope: "webhooks.manage",
    summary: "Subscribe a receiver; the signing secret is in this answer only.",
    body: createWebhookRequest,
    maxBodyBytes: 16_000,
    conflicts: true,
    response: webhookSubscriptionBody.extend({ secret: z.string() }),
    status: 201,
  },
  disableWebhook: {
    operationId: "disableWebhook",
    method: "DELETE",
    path: "/api/v1/webhooks/{id}",
    scope: "webhooks.manage",
    summary: "Stop sending to a subscription.",
    params: z.object({
      id: z
        .uuid()
        .meta({ examples: [EXAMPLE_SUBSCRIPTION_ID] })
        // Ids are stored in lower case; a UUID in upper case names the same one.
        .transform((id) => id.toLowerCase()),
    }),
    response: webhookSubscriptionBody,
  },
} as const satisfies Record<string, ApiOperation>;

export { apiScopes };
