import { describe, expect, it } from "vitest";
import { isAheadOfTimeRequest, refuseAheadOfTime } from "./ahead-of-time";

const url = "http://localhost/account/export/00000000-0000-4000-8000-000000000000/download";

describe("isAheadOfTimeRequest", () => {
  it.each([
    [{ RSC: "1" }],
    [{ RSC: "1", "Next-Router-Prefetch": "1" }],
    [{ "Next-Router-Prefetch": "1" }],
    [{ RSC: "1", "Next-Router-Segment-Prefetch": "/_tree" }],
    [{ Purpose: "prefetch" }],
    [{ "Sec-Purpose": "prefetch" }],
    [{ "Sec-Purpose": "prefetch;prerender" }],
    [{ "Sec-Purpose": "prefetch;anonymous-client-ip" }],
    [{ "X-Moz": "prefetch" }],
    [{ "X-Purpose": "preview" }],
  ])("refuses %j", (headers) => {
    expect(isAheadOfTimeRequest(new Headers(headers))).toBe(true);
    expect(refuseAheadOfTime(new Request(url, { headers }))?.status).toBe(400);
  });

  it.each([[{}], [{ Accept: "*/*", "Sec-Fetch-Dest": "document" }], [{ Purpose: "download" }]])(
    "lets a person's request through: %j",
    (headers) => {
      expect(isAheadOfTimeRequest(new Headers(headers))).toBe(false);
      expect(refuseAheadOfTime(new Request(url, { headers }))).toBeNull();
    },
  );
});
