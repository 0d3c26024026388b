import { z } from "zod";
import { interactionChannels } from "@/db/schema/customers";
import { decodeCursor, firstPage, type IdKind, type ListQuery } from "./pagination";

export type SearchParams = Record<string, string | string[] | undefined>;
export type InteractionChannel = (typeof interactionChannels)[number];
export type InteractionFilters = { channel: InteractionChannel | null; from: string | null; to: string | null };
/** A query parameter that was not valid and was ignored (the page says which). */
export type ParamIssue = "channel" | "from" | "to" | "range" | "cursor";

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((value) => {
    const [y, m, d] = value.split("-").map(Number) as [number, number, number];
    const date = new Date(Date.UTC(y, m - 1, d));
    return y >= 1900 && y <= 2100 && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
  });
const channel = z.enum(interactionChannels);

/** One value of a parameter; a repeated parameter is invalid. Empty means not given. */
function single(params: SearchParams, name: string): { value: string | null; repeated: boolean } {
  const raw = params[name];
  if (Array.isArray(raw)) return { value: null, repeated: true };
  const value = raw?.trim() ?? "";
  return { value: value === "" ? null : value, repeated: false };
}

function field<T>(params: SearchParams, name: ParamIssue, schema: z.ZodType<T>, issues: ParamIssue[]): T | null {
  const { value, repeated } = single(params, name);
  if (repeated) {
    issues.push(name);
    return null;
  }
  if (value === null) return null;
  const parsed = schema.safeParse(value);
  if (!parsed.success) issues.push(name);
  return parsed.success ? parsed.data : null;
}

/** `before` (older page) or `after` (newer page); a cursor this list did not make means the first page. */
export function parseListQuery(params: SearchParams, idKind: IdKind): { query: ListQuery; issues: ParamIssue[] } {
  const before = single(params, "before");
  const after = single(params, "after");
  const given = before.value ?? after.value;
  if (!given && !before.repeated && !after.repeated) return { query: firstPage, issues: [] };
  const cursor = before.value && after.value ? null : given ? decodeCursor(given, idKind) : null;
  if (!cursor) return { query: firstPage, issues: ["cursor"] };
  return { query: { cursor, direction: before.value ? "older" : "newer" }, issues: [] };
}

/** Channel and an inclusive date range (Oslo calendar days); invalid values are dropped and reported. */
export function parseInteractionFilters(params: SearchParams): { filters: InteractionFilters; issues: ParamIssue[] } {
  const issues: ParamIssue[] = [];
  const filters: InteractionFilters = {
    channel: field(params, "channel", channel, issues),
    from: field(params, "from", isoDate, issues),
    to: field(params, "to", isoDate, issues),
  };
  if (filters.from && filters.to && filters.from > filters.to) {
    issues.push("range");
    filters.from = null;
    filters.to = null;
  }
  return { filters, issues };
}
