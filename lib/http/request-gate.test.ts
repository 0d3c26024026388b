import { createServer, type IncomingMessage } from "node:http";
import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { guardForwardedHeaders } from "@/lib/security/forwarded-headers";
import { takeRequestsBeforeNext } from "./request-gate";

// A server standing in for Next's: it records what reaches its listener. The gate runs in
// the "request" event, as under `next start`.
const reached: { method: string; url: string; host: string }[] = [];
const server = createServer((req: IncomingMessage, res) => {
  reached.push({ method: req.method!, url: req.url!, host: req.headers.host! });
  res.end("next");
});
let port = 0;

/** Sends raw bytes (a client may send what no library would) and returns the status line and headers. */
function raw(request: string): Promise<{ status: number; headers: Record<string, string>; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1", () => socket.end(request));
    let data = "";
    socket.on("data", (chunk) => (data += chunk.toString("utf8")));
    socket.on("error", reject);
    socket.on("close", () => {
      const [head, ...rest] = data.split("\r\n\r\n");
      const [statusLine, ...lines] = head!.split("\r\n");
      const headers = Object.fromEntries(
        lines.map((l) => [l.slice(0, l.indexOf(":")).toLowerCase(), l.slice(l.indexOf(":") + 1).trim()]),
      );
      resolve({ status: Number(statusLine!.split(" ")[1]), headers, body: rest.join("\r\n\r\n") });
    });
  });
}

beforeAll(async () => {
  guardForwardedHeaders(0);
  takeRequestsBeforeNext((req, res) => {
    if (!req.url?.startsWith("/taken/")) return false;
    res.end("taken");
    return true;
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as { port: number }).port;
});

afterAll(() => new Promise((resolve) => server.close(resolve)));

describe("requests answered before Next.js reads them", () => {
  it("TRACE is a 405 naming the server's methods, never reaching the app (Next would answer 500)", async () => {
    reached.length = 0;
    for (const path of ["/", "/account", "/favicon.ico"]) {
      const answer = await raw(`TRACE ${path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`);
      expect(answer.status, path).toBe(405);
      expect(answer.headers.allow).toBe("GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS");
      expect(answer.headers["x-content-type-options"]).toBe("nosniff");
    }
    expect(reached).toEqual([]);
  });

  it("the asterisk form: OPTIONS names the methods, anything else is a 400", async () => {
    const options = await raw("OPTIONS * HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    expect(options.status).toBe(204);
    expect(options.headers.allow).toContain("GET");
    expect((await raw("GET * HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")).status).toBe(400);
    expect(reached).toEqual([]);
  });

  it("the absolute form reaches the app in origin form, its authority as the Host", async () => {
    const answer = await raw(
      "GET http://evil.example:8080/account/?x=1 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
    );
    expect(answer.status).toBe(200);
    expect(reached.at(-1)).toEqual({ method: "GET", url: "/account/?x=1", host: "evil.example:8080" });
    const odd = await raw("GET ftp://evil.example/x HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    expect(odd.status).toBe(400);
  });

  it("a takeover answers its own requests; the others reach the app", async () => {
    reached.length = 0;
    expect((await raw("GET /taken/x HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")).body).toBe("taken");
    expect((await raw("GET /other HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")).body).toBe("next");
    expect(reached.map((r) => r.url)).toEqual(["/other"]);
  });
});
