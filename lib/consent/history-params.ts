import { z } from "zod";
import type { ListQuery } from "@/lib/pagination/keyset";
import { parseListQuery, type SearchParams } from "@/lib/pagination/list-query";

/** A query parameter of the history page that was not valid and was ignored (the page says which). */
export type HistoryParamIssue = "cursor" | "purpose";

const purposeKey = z.string().regex(/^[a-z0-9_]{1,64}$/);

/**
 * `?before=`/`?after=` (opaque keyset cursors) and `?purpose=<key>`. A value this page
 * could not have made is dropped and reported; whether the key names a purpose is
 * decided by the listing, which knows the purposes.
 */
export function parseHistoryParams(params: SearchParams): {
  query: ListQuery;
  purposeKey: string | null;
  issues: HistoryParamIssue[];
} {
  const parsed = parseListQuery(params, "number");
  const { query } = parsed;
  const issues: HistoryParamIssue[] = parsed.issues.includes("cursor") ? ["cursor"] : [];
  const raw = params.purpose;
  const value = Array.isArray(raw) ? null : (raw?.trim() ?? "");
  if (value === "") return { query, purposeKey: null, issues };
  const key = purposeKey.safeParse(value);
  return key.success
    ? { query, purposeKey: key.data, issues }
    : { query, purposeKey: null, issues: [...issues, "purpose"] };
}
