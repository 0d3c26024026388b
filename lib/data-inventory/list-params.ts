import { z } from "zod";
import { interactionChannels } from "@/db/schema/customers";
import { singleParam, type ListQueryIssue, type SearchParams } from "@/lib/pagination/list-query";

/** The channels an interaction can have, in the order the filter offers them. */
export { interactionChannels };
export type InteractionChannel = (typeof interactionChannels)[number];
export type InteractionFilters = { channel: InteractionChannel | null; from: string | null; to: string | null };
/** A query parameter that was not valid and was ignored (the page says which). */
export type ParamIssue = "channel" | "from" | "to" | "range" | ListQueryIssue;

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((value) => {
    const [y, m, d] = value.split("-").map(Number) as [number, number, number];
    const date = new Date(Date.UTC(y, m - 1, d));
    return y >= 1900 && y <= 2100 && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
  });
const channel = z.enum(interactionChannels);

function field<T>(params: SearchParams, name: ParamIssue, schema: z.ZodType<T>, issues: ParamIssue[]): T | null {
  const { value, repeated } = singleParam(params, name);
  if (repeated) {
    issues.push(name);
    return null;
  }
  if (value === null) return null;
  const parsed = schema.safeParse(value);
  if (!parsed.success) issues.push(name);
  return parsed.success ? parsed.data : null;
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
