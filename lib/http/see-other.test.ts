import { describe, expect, it } from "vitest";
import { seeOther } from "./see-other";

describe("seeOther", () => {
  it("answers 303 with the path as it is, whatever address the server listens on", () => {
    const response = seeOther("/account/export?reauth=download");
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/account/export?reauth=download");
    expect(response.headers.get("cache-control")).toBe("no-store");
  });
});
