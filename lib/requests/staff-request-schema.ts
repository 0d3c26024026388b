import { z } from "zod";
import { requestChannels, requestKinds, requestStatuses } from "@/db/schema";
import { categoryKeys } from "@/lib/data-inventory/categories";
import { freeText, maxDescriptionLength, maxReasonLength, restrictionGrounds } from "./request-schema";

// What an agent sends about a customer's requests. Strict objects: the agent's own id is never
// an input (it is the actor), and a customer id is only the target the use case checks.
// Message keys are under `supportRequests.fieldErrors`, then `errors.fields`.

/** Channels an agent files through; "portal" is the customer's own. */
export const staffRequestChannels = requestChannels.filter((c) => c !== "portal") as ["phone", "email", "store"];
export type StaffRequestChannel = (typeof staffRequestChannels)[number];

/** An empty select or radio group sends "", or nothing at all. */
const emptyAsMissing = (value: unknown) => (value === "" ? undefined : value);

export const fileForCustomerSchema = z.strictObject({
  /** The target; the use case answers not-found for anything that is not a customer. */
  customerId: z.string({ error: "notFound" }),
  kind: z.enum(requestKinds, { error: "kindRequired" }),
  channel: z.enum(staffRequestChannels, { error: "channelRequired" }),
  /** Rectification: what kind of data is wrong. */
  category: z.preprocess(emptyAsMissing, z.enum(categoryKeys, { error: "categoryRequired" }).optional()),
  /** Restriction: the Art. 18(1) ground the customer gives. */
  ground: z.preprocess(emptyAsMissing, z.enum(restrictionGrounds, { error: "groundRequired" }).optional()),
  /** The customer's words: what is wrong (rectification), what they object to, anything they add. */
  details: freeText({ max: maxDescriptionLength, tooLong: "descriptionTooLong" })
    .nullish()
    .transform((v) => (v ? v : null)),
});
export type FileForCustomerInput = z.input<typeof fileForCustomerSchema>;

/** A request id is checked by `openRequestAsStaff` (malformed and unknown are the same not-found). */
const requestId = z.string({ error: "notFound" });

export const requestActionSchema = z.strictObject({ requestId });

/** Statuses an agent may move a request to by hand (`mayTransition` decides from where). */
export const staffTargetStatuses = [
  "in_progress",
  "completed",
  "rejected",
  "received",
] as const satisfies readonly (typeof requestStatuses)[number][];

export const changeStatusSchema = z.strictObject({
  requestId,
  to: z.enum(staffTargetStatuses, { error: "statusRequired" }),
  note: freeText({ max: maxReasonLength, tooLong: "reasonTooLong" })
    .nullish()
    .transform((v) => (v ? v : null)),
});
export type ChangeStatusInput = z.input<typeof changeStatusSchema>;

export const retryJobSchema = z.strictObject({ jobId: z.string({ error: "notFound" }) });
export type RetryJobInput = z.input<typeof retryJobSchema>;

/** The extension form as posted (text fields); `extendRequestDeadline` validates the values. */
export const extendDeadlineFormSchema = z.strictObject({
  requestId,
  months: z.enum(["1", "2"], { error: "extensionTooLong" }).transform((v) => (v === "2" ? 2 : 1) as 1 | 2),
  reason: z.string({ error: "extensionReasonRequired" }),
});

/** Details an agent may correct when carrying out a rectification (the profile writer's fields). */
export const rectifiableFields = ["givenName", "familyName", "phone"] as const;

export const carryOutRectificationSchema = z.strictObject({
  requestId,
  field: z.enum(rectifiableFields, { error: "fieldRequired" }),
  /** Checked by the profile's own schema for the field. */
  value: z.string({ error: "invalid" }).max(200, { error: "invalid" }),
  note: freeText({ max: maxReasonLength, tooLong: "reasonTooLong" })
    .nullish()
    .transform((v) => (v ? v : null)),
});
export type CarryOutRectificationInput = z.input<typeof carryOutRectificationSchema>;
