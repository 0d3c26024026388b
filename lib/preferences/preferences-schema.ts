import { z } from "zod";
import { communicationChannels, type CommunicationChannel } from "@/db/schema/consent";
import type { ActionResult } from "@/lib/actions/types";

export { communicationChannels, type CommunicationChannel };

/** A hard cap on one save, whatever the purpose list: every channel for 50 topics. */
export const MAX_PREFERENCE_CHANGES = communicationChannels.length * 50;

const topicKey = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9_-]*$/, "unknownTopic");
const channel = z.enum(communicationChannels, { error: "unknownChannel" });

export type PreferenceChange = { channel: CommunicationChannel; topic: string; allowed: boolean };

const cellKey = (c: { channel: string; topic: string }) => `${c.channel}:${c.topic}`;

// What a caller may ask for. Strict: a customer id or anything else is refused, not ignored.
export const setPreferencesSchema = z
  .strictObject({
    changes: z
      .array(z.strictObject({ channel, topic: topicKey, allowed: z.boolean() }))
      .min(1, "noChanges")
      .max(MAX_PREFERENCE_CHANGES, "tooManyChanges"),
  })
  .superRefine((input, ctx) => {
    const seen = new Set<string>();
    for (const change of input.changes) {
      if (seen.has(cellKey(change))) {
        ctx.addIssue({ code: "custom", path: ["changes"], message: "duplicateCells" });
        return;
      }
      seen.add(cellKey(change));
    }
  });

export const setChannelForAllTopicsSchema = z.strictObject({ channel, allowed: z.boolean() });

// A form field may come once (a string) or repeated (an array); a missing one is empty.
const formList = <T extends z.ZodType>(item: T) =>
  z.preprocess(
    (value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]),
    z.array(item).max(MAX_PREFERENCE_CHANGES, "tooManyChanges"),
  );

const cellSchema = z.strictObject({ channel, topic: topicKey });

/** "sms:newsletter" → { channel: "sms", topic: "newsletter" } */
const cellRef = z
  .string()
  .max(80, "invalidCell")
  .transform((value, ctx) => {
    const at = value.indexOf(":");
    if (at < 1) {
      ctx.addIssue({ code: "custom", message: "invalidCell" });
      return z.NEVER;
    }
    const parsed = cellSchema.safeParse({ channel: value.slice(0, at), topic: value.slice(at + 1) });
    if (!parsed.success) {
      ctx.addIssue({ code: "custom", message: parsed.error.issues[0]?.message ?? "invalidCell" });
      return z.NEVER;
    }
    return parsed.data;
  });

/**
 * The grid form: `cell` names every cell shown (hidden fields), `allowed` the ticked ones
 * (checkboxes), so an unticked box is still sent as "not allowed" without JavaScript.
 */
export const preferencesFormSchema = z
  .strictObject({ cell: formList(cellRef), allowed: formList(cellRef) })
  .superRefine((form, ctx) => {
    if (form.cell.length === 0) ctx.addIssue({ code: "custom", path: ["cell"], message: "noChanges" });
    const shown = new Set<string>();
    for (const cell of form.cell) {
      if (shown.has(cellKey(cell))) {
        ctx.addIssue({ code: "custom", path: ["cell"], message: "duplicateCells" });
        return;
      }
      shown.add(cellKey(cell));
    }
    const ticked = new Set<string>();
    for (const cell of form.allowed) {
      if (!shown.has(cellKey(cell)) || ticked.has(cellKey(cell))) {
        ctx.addIssue({ code: "custom", path: ["allowed"], message: "invalidCell" });
        return;
      }
      ticked.add(cellKey(cell));
    }
  });

/** Every cell shown, allowed when ticked. */
export function changesFromForm(form: z.infer<typeof preferencesFormSchema>): { changes: PreferenceChange[] } {
  const ticked = new Set(form.allowed.map(cellKey));
  return { changes: form.cell.map((cell) => ({ ...cell, allowed: ticked.has(cellKey(cell)) })) };
}

/** One of the per-channel buttons ("Nothing by SMS", "Allow SMS again"). */
export const channelFormSchema = z.strictObject({
  channel,
  allowed: z.enum(["true", "false"], { error: "invalid" }).transform((value) => value === "true"),
});

/** Message keys under `preferences.errors` for refused input. */
export const preferenceErrorKeys = [
  "invalid",
  "invalidCell",
  "unknownChannel",
  "unknownTopic",
  "notOptional",
  "channelNotUsed",
  "tooManyChanges",
  "duplicateCells",
  "noChanges",
] as const;
export type PreferenceErrorKey = (typeof preferenceErrorKeys)[number];

export function isPreferenceErrorKey(key: string): key is PreferenceErrorKey {
  return (preferenceErrorKeys as readonly string[]).includes(key);
}

/** The first refusal reason of a failed parse, as a `preferences.errors` key. */
export function preferenceErrorKey(error: z.ZodError): PreferenceErrorKey {
  const issue = error.issues[0];
  if (!issue || issue.code === "unrecognized_keys") return "invalid";
  return isPreferenceErrorKey(issue.message) ? issue.message : "invalid";
}

export type SavePreferencesState = ActionResult<{ changed: PreferenceChange[] }> | null;
export type ChannelPreferenceState = ActionResult<{
  channel: CommunicationChannel;
  allowed: boolean;
  /** How many topics' cells changed. */
  changed: number;
}> | null;
