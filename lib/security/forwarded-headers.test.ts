import { createServer, request, type IncomingHttpHeaders } from "node:http";
import { describe, expect, it } from "vitest";
import { forwardedHeadersGuarded, guardForwardedHeaders, trustForwardedHeaders } from "./forwarded-headers";

describe("trustForwardedHeaders", () => {
  const spoofed = (): IncomingHttpHeaders => ({
    host: "localhost:3000",
    "x-forwarded-for": "192.0.2.10, 192.0.2.51",
    "x-forwarded-proto": "https",
    "x-forwarded-host": "evil.example",
    "x-forwarded-port": "443",
    forwarded: "for=192.0.2.52",
  });

  it("without a declared proxy, replaces what the client wrote with the socket's address", () => {
    const headers = spoofed();
    trustForwardedHeaders(headers, "127.0.0.1", 0);
    expect(headers).toEqual({ host: "localhost:3000", "x-forwarded-for": "127.0.0.1" });
  });

  it("behind proxies, leaves their headers for clientAddress to read from the end", () => {
    const headers = spoofed();
    trustForwardedHeaders(headers, "10.0.0.2", 1);
    expect(headers).toEqual(spoofed());
  });
});

describe("guardForwardedHeaders", () => {
  it("rewrites each request before the server's own listener reads it", async () => {
    guardForwardedHeaders(0);
    expect(forwardedHeadersGuarded()).toBe(0);
    // Installed once per process: a second call does not change the hop count.
    guardForwardedHeaders(2);
    expect(forwardedHeadersGuarded()).toBe(0);

    const seen: IncomingHttpHeaders[] = [];
    const server = createServer((req, res) => {
      seen.push({ ...req.headers });
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as { port: number };
    await new Promise<void>((resolve, reject) =>
      request(
        {
          host: "127.0.0.1",
          port,
          path: "/",
          headers: { "X-Forwarded-For": "192.0.2.10, 192.0.2.51", "X-Forwarded-Proto": "https" },
        },
        (res) => res.resume().on("end", resolve),
      )
        .on("error", reject)
        .end(),
    );
    await new Promise((resolve) => server.close(resolve));
    expect(seen).toHaveLength(1);
    expect(seen[0]!["x-forwarded-for"]).toBe("127.0.0.1");
    expect(seen[0]!["x-forwarded-proto"]).toBeUndefined();
  });
});
