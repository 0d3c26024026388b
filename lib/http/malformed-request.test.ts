import { describe, expect, it } from "vitest";
import { errorResponse, localeOfRequest } from "./error-page";
import { actionBodyRefusal, actionHeadersRefusal, pathRefusal, routerStateRefusal } from "./malformed-request";

const encode = (text: string) => new TextEncoder().encode(text);
const fetchAction = (contentType: string) => new Headers({ "next-action": "7f00", "content-type": contentType });

function multipart(parts: Record<string, string>, boundary = "b0undary") {
  const body = Object.entries(parts)
    .map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`)
    .join("");
  return { contentType: `multipart/form-data; boundary=${boundary}`, body: encode(`${body}--${boundary}--\r\n`) };
}

describe("paths", () => {
  it.each(["/account/data/%ff", "/unsubscribe/%C0%AE", "/account/requests/%E0%A4%A", "/x/%00", "/a/%0a"])(
    "refuses %s",
    (path) => expect(pathRefusal(path)?.status).toBe(400),
  );
  it.each(["/", "/account/data/orders", "/unsubscribe/abc.def-ghi_", "/account/%C3%A6"])("passes %s", (path) =>
    expect(pathRefusal(path)).toBeNull(),
  );
});

describe("router state header", () => {
  it("passes the header Next's router sends and no header at all", () => {
    expect(
      routerStateRefusal(
        new Headers({ "next-router-state-tree": encodeURIComponent('["",{"children":["__PAGE__",{}]}]') }),
      ),
    ).toBeNull();
    expect(routerStateRefusal(new Headers())).toBeNull();
  });
  it.each([
    "%%%garbage",
    "[1,2",
    "%7B%7D",
    encodeURIComponent("[".repeat(5000) + "]".repeat(5000)),
    "x".repeat(40_001),
  ])("refuses %s", (value) =>
    expect(routerStateRefusal(new Headers({ "next-router-state-tree": value }))?.status).toBe(400),
  );
});

describe("server action requests", () => {
  it("refuses a foreign or unreadable Origin with 403 and an oversized body with 413", () => {
    const host = { host: "localhost:3000" };
    expect(actionHeadersRefusal(new Headers({ ...host, origin: "http://localhost:3000" }))).toBeNull();
    expect(actionHeadersRefusal(new Headers(host))).toBeNull();
    expect(actionHeadersRefusal(new Headers({ ...host, origin: "http://evil.example" }))?.status).toBe(403);
    expect(actionHeadersRefusal(new Headers({ ...host, origin: "null" }))?.status).toBe(403);
    expect(actionHeadersRefusal(new Headers({ ...host, origin: "::" }))?.status).toBe(403);
    expect(actionHeadersRefusal(new Headers({ ...host, "content-length": String(2 * 1024 * 1024) }))?.status).toBe(413);
  });

  it("passes what React's client sends", async () => {
    const form = multipart({ _1_email: "kari@example.com", "0": '[null,"$K1"]' });
    expect(await actionBodyRefusal({ headers: fetchAction(form.contentType), body: form.body })).toBeNull();
    expect(
      await actionBodyRefusal({
        headers: fetchAction("text/plain;charset=UTF-8"),
        body: encode('["$undefined",{"a":"$$x"}]'),
      }),
    ).toBeNull();
  });

  it.each([
    ["non-JSON", "text/plain", encode("not json")],
    ["truncated JSON", "text/plain", encode('["$K1",{"a')],
    ["deep nesting", "text/plain", encode("[".repeat(5000) + "]".repeat(5000))],
    ["a root that is no argument list", "text/plain", encode('{"a":1}')],
    ["invalid UTF-8", "text/plain", new Uint8Array([0x5b, 0xff, 0x5d])],
    ["a server reference", "text/plain", encode('["$h1"]')],
    ["a reference to a row never sent", "text/plain", encode('["$@1"]')],
    [
      "a broken multipart boundary",
      "multipart/form-data; boundary=abc",
      encode('--abc\r\nContent-Disposition: form-data; name="x"\r\n\r\nhello'),
    ],
    ["a multipart root that is not JSON", multipart({ "0": "{{" }).contentType, multipart({ "0": "{{" }).body],
    ["a multipart form without a root", multipart({ _1_email: "x" }).contentType, multipart({ _1_email: "x" }).body],
  ])("refuses %s", async (_, contentType, body) => {
    expect((await actionBodyRefusal({ headers: fetchAction(contentType), body }))?.status).toBe(400);
  });
});

describe("the refusal itself", () => {
  it("is a page in the reader's language for a person, one line for anything else", async () => {
    const page = errorResponse(
      { status: 400, kind: "badRequest" },
      new Headers({ accept: "text/html", cookie: "tillit-locale=en" }),
    );
    expect(page.status).toBe(400);
    expect(page.headers.get("content-type")).toContain("text/html");
    expect(await page.text()).toContain('<html lang="en"><head>');
    const line = errorResponse({ status: 413, kind: "payloadTooLarge" }, new Headers({ "accept-language": "nb-NO" }));
    expect(line.headers.get("content-type")).toContain("text/plain");
    expect(await line.text()).toContain("Det ble sendt for mye");
    expect(localeOfRequest(new Headers({ cookie: "a=b; tillit-locale=nb", "accept-language": "en" }))).toBe("nb");
  });
});
