import { createServer, request } from "node:http";
import { describe, expect, it, vi } from "vitest";

let current = new Headers();
vi.mock("next/headers", () => ({ headers: async () => current }));

const { clientAddress } = await import("./client-address");
const { guardForwardedHeaders } = await import("./forwarded-headers");

describe("clientAddress without a declared proxy", () => {
  it("does not key on what a client wrote in a request that arrived before the guard was installed", async () => {
    // `next start` listens before instrumentation runs, and holds early requests until it is ready.
    let ready!: () => void;
    const handlersReady = new Promise<void>((resolve) => (ready = resolve));
    let arrived!: () => void;
    const firstArrived = new Promise<void>((resolve) => (arrived = resolve));
    const seen: string[] = [];
    const server = createServer(async (req, res) => {
      arrived();
      await handlersReady;
      current = new Headers(req.headers as Record<string, string>);
      seen.push(await clientAddress());
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as { port: number };
    const send = () =>
      new Promise<void>((resolve, reject) =>
        request(
          {
            host: "127.0.0.1",
            port,
            path: "/",
            headers: { "X-Forwarded-For": "192.0.2.10", "X-Tillit-Forwarded-Guard": "a guess" },
          },
          (res) => res.resume().on("end", resolve),
        )
          .on("error", reject)
          .end(),
      );

    const early = send();
    await firstArrived;
    guardForwardedHeaders(0);
    ready();
    await early;
    await send();
    await new Promise((resolve) => server.close(resolve));

    expect(seen).toEqual(["unknown", "127.0.0.1"]);
  });
});

describe("clientAddress behind a proxy", () => {
  it("keys an IPv6 client on its /64, which one host or home holds whole, not on each address in it", async () => {
    process.env.TILLIT_TRUSTED_PROXY_HOPS = "1";
    try {
      const keyOf = async (address: string) => {
        current = new Headers({ "x-forwarded-for": `192.0.2.1, ${address}` });
        return clientAddress();
      };
      expect(await keyOf("2001:db8:1:2::a")).toBe(await keyOf("2001:0db8:0001:0002:ffff:1:2:3"));
      expect(await keyOf("2001:db8:1:2::a")).not.toBe(await keyOf("2001:db8:1:3::a"));
      expect(await keyOf("::ffff:198.51.100.7")).toBe("198.51.100.7");
      expect(await keyOf("198.51.100.7")).toBe("198.51.100.7");
    } finally {
      delete process.env.TILLIT_TRUSTED_PROXY_HOPS;
    }
  });
});
