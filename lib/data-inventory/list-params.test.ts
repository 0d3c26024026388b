import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor, firstPage } from "@/lib/pagination/keyset";
import { parseListQuery } from "@/lib/pagination/list-query";
import { parseInteractionFilters } from "./list-params";

const cursor = { at: "2026-03-01T10:00:00.123456Z", id: "42" };

describe("parseInteractionFilters", () => {
  it("reads a channel and an inclusive date range", () => {
    expect(parseInteractionFilters({ channel: "app", from: "2026-01-01", to: "2026-01-31" })).toEqual({
      filters: { channel: "app", from: "2026-01-01", to: "2026-01-31" },
      issues: [],
    });
  });

  it("treats empty fields (an unfiltered form) as not given", () => {
    expect(parseInteractionFilters({ channel: "", from: " ", to: undefined })).toEqual({
      filters: { channel: null, from: null, to: null },
      issues: [],
    });
  });

  it.each([
    [{ channel: "fax" }, ["channel"]],
    [{ channel: ["web", "app"] }, ["channel"]],
    [{ from: "2026-02-30" }, ["from"]],
    [{ from: "01.02.2026" }, ["from"]],
    [{ to: "2026-13-01" }, ["to"]],
    [{ to: "99999-01-01" }, ["to"]],
    [{ from: "1066-10-14" }, ["from"]],
    [{ from: "2026-01-01'; drop table customers; --" }, ["from"]],
    [{ from: "2026-02-01", to: "2026-01-01" }, ["range"]],
  ])("drops %j and says so", (params, issues) => {
    const parsed = parseInteractionFilters(params);
    expect(parsed.issues).toEqual(issues);
    expect(parsed.filters).toEqual({ channel: null, from: null, to: null });
  });

  it("keeps the valid filters when another is invalid", () => {
    expect(parseInteractionFilters({ channel: "web", from: "yesterday", to: "2026-01-31" })).toEqual({
      filters: { channel: "web", from: null, to: "2026-01-31" },
      issues: ["from"],
    });
  });
});

describe("parseListQuery", () => {
  it("starts at the first page without a cursor", () => {
    expect(parseListQuery({}, "number")).toEqual({ query: firstPage, issues: [] });
  });

  it("reads an older-page and a newer-page cursor", () => {
    const encoded = encodeCursor(cursor);
    expect(parseListQuery({ before: encoded }, "number")).toEqual({
      query: { cursor, direction: "older" },
      issues: [],
    });
    expect(parseListQuery({ after: encoded }, "number")).toEqual({ query: { cursor, direction: "newer" }, issues: [] });
  });

  it.each([
    ["not base64!", "number"],
    [encodeCursor({ at: "yesterday", id: "42" }), "number"],
    [encodeCursor({ at: cursor.at, id: "1 or 1=1" }), "number"],
    [encodeCursor({ at: cursor.at, id: "abc" }), "number"],
    [encodeCursor({ at: cursor.at, id: "x'; --" }), "text"],
    [Buffer.from(`${cursor.at}|42|7`).toString("base64url"), "number"],
    ["A".repeat(500), "number"],
  ] as const)("goes to the first page for a cursor it did not make (%s)", (value, idKind) => {
    expect(parseListQuery({ before: value }, idKind)).toEqual({ query: firstPage, issues: ["cursor"] });
  });

  it("refuses two cursors at once", () => {
    const encoded = encodeCursor(cursor);
    expect(parseListQuery({ before: encoded, after: encoded }, "number").issues).toEqual(["cursor"]);
    expect(parseListQuery({ before: [encoded, encoded] }, "number").issues).toEqual(["cursor"]);
  });

  it("round-trips a cursor with a uuid id", () => {
    const uuid = { at: cursor.at, id: "0b6f2a4e-8c1d-4f7a-9a51-3f0e6c2d9b11" };
    expect(decodeCursor(encodeCursor(uuid), "text")).toEqual(uuid);
    expect(decodeCursor(encodeCursor(uuid), "number")).toBeNull();
  });
});
