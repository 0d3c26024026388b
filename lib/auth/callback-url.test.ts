import { describe, expect, it } from "vitest";
import { appUrl } from "@/lib/env";
import { isOwnCallbackUrl } from "./callback-url";

describe("a sign-in link's callbackUrl", () => {
  it("is this site's", () => {
    expect(isOwnCallbackUrl(`${appUrl()}/account`)).toBe(true);
    expect(isOwnCallbackUrl("/account/export")).toBe(true);
  });
  it.each([
    "javascript:alert(1)",
    "http://localhost:3301.evil.example/",
    "https://evil.example/account",
    "//evil.example/account",
    "/\\evil.example",
    " ",
    "",
    "account",
    `${appUrl()}/account\u0000`,
    `${appUrl()}.evil.example/`,
  ])("refuses %j", (value) => expect(isOwnCallbackUrl(value)).toBe(false));
});
