import { decodeCursor, firstPage, type IdKind, type ListQuery } from "./keyset";

export type SearchParams = Record<string, string | string[] | undefined>;
/** The cursor in the URL was not one this list could have made (the page says so). */
export type ListQueryIssue = "cursor";

/** One value of a parameter; a repeated parameter is invalid. Empty means not given. */
export function singleParam(params: SearchParams, name: string): { value: string | null; repeated: boolean } {
  const raw = params[name];
  if (Array.isArray(raw)) return { value: null, repeated: true };
  const value = raw?.trim() ?? "";
  return { value: value === "" ? null : value, repeated: false };
}

/** `before` (older page) or `after` (newer page); a cursor this list did not make means the first page. */
export function parseListQuery(params: SearchParams, idKind: IdKind): { query: ListQuery; issues: ListQueryIssue[] } {
  const before = singleParam(params, "before");
  const after = singleParam(params, "after");
  const given = before.value ?? after.value;
  if (!given && !before.repeated && !after.repeated) return { query: firstPage, issues: [] };
  const cursor = before.value && after.value ? null : given ? decodeCursor(given, idKind) : null;
  if (!cursor) return { query: firstPage, issues: ["cursor"] };
  return { query: { cursor, direction: before.value ? "older" : "newer" }, issues: [] };
}
