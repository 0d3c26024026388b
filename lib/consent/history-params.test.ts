import { describe, expect, it } from "vitest";
import { encodeCursor, firstPage } from "@/lib/pagination/keyset";
import { parseHistoryParams } from "./history-params";

const cursor = { at: "2026-03-01T10:00:00.123456Z", id: "42" };

describe("parseHistoryParams", () => {
  it("starts at the newest page with no filter", () => {
    expect(parseHistoryParams({})).toEqual({ query: firstPage, purposeKey: null, issues: [] });
    expect(parseHistoryParams({ purpose: "  " })).toEqual({ query: firstPage, purposeKey: null, issues: [] });
  });

  it("reads a cursor and a purpose key", () => {
    expect(parseHistoryParams({ before: encodeCursor(cursor), purpose: "order_sms" })).toEqual({
      query: { cursor, direction: "older" },
      purposeKey: "order_sms",
      issues: [],
    });
  });

  it.each([["abc"], [encodeCursor({ at: cursor.at, id: "x" })], [encodeCursor({ at: "yesterday", id: "1" })]])(
    "ignores a cursor it did not make (%s) and says so",
    (before) => {
      expect(parseHistoryParams({ before, purpose: "newsletter" })).toEqual({
        query: firstPage,
        purposeKey: "newsletter",
        issues: ["cursor"],
      });
    },
  );

  it.each([["Newsletter"], ["news letter"], ["x".repeat(65)], ["'; drop table purposes; --"]])(
    "ignores a purpose key that cannot be one (%s) and says so",
    (purpose) => {
      expect(parseHistoryParams({ purpose })).toEqual({ query: firstPage, purposeKey: null, issues: ["purpose"] });
    },
  );

  it("refuses a repeated purpose", () => {
    expect(parseHistoryParams({ purpose: ["newsletter", "order_sms"] }).issues).toEqual(["purpose"]);
  });
});
