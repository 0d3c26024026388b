import type { LookupAddress } from "node:dns";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isPrivateAddress, isPrivateHost } from "./webhook-address";
import { PrivateAddressError, publicOnlyLookup, sendWebhookRequest, type Resolver } from "./webhook-transport";
import { givenReceiver } from "./webhooks.test-support";

/** DNS as a test says it is: every name resolves to these addresses. */
const resolvingTo =
  (...addresses: string[]): Resolver =>
  (_hostname, _options, callback) =>
    callback(
      null,
      addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 })),
    );

function lookUp(lookup: ReturnType<typeof publicOnlyLookup>, all: boolean) {
  return new Promise<{ error: NodeJS.ErrnoException | null; address: string | LookupAddress[]; family?: number }>(
    (resolve) => lookup("hooks.example.test", { all }, (error, address, family) => resolve({ error, address, family })),
  );
}

describe("which addresses are inside our network", () => {
  it("knows the private, loopback, link-local, shared, multicast and reserved ranges, in every spelling", () => {
    const inside = [
      "127.0.0.1",
      "127.255.0.9",
      "10.1.2.3",
      "172.16.0.1",
      "172.31.255.255",
      "192.168.0.5",
      "169.254.169.254",
      "100.64.0.1",
      "0.0.0.0",
      "224.0.0.251",
      "255.255.255.255",
      "198.18.0.1",
      "::",
      "::1",
      "fe80::1",
      "fd00::abcd",
      "ff02::1",
      "::ffff:127.0.0.1",
      "::ffff:7f00:1",
      "::FFFF:A9FE:A9FE",
      "64:ff9b::10.0.0.1",
      "64:ff9b::a00:1",
      "::7f00:1",
      "::ffff:0:7f00:1",
      "2002:7f00:1::",
      "2001:0:4136:e378:8000:63bf:3fff:fdd2",
      "64:ff9b:1::1",
      "fec0::1",
      "192.88.99.1",
    ];
    for (const address of inside) expect(isPrivateAddress(address), address).toBe(true);
    const outside = [
      "93.184.216.34",
      "172.32.0.1",
      "100.128.0.1",
      "8.8.8.8",
      "2a00:1450:4001::200e",
      "::ffff:8.8.8.8",
      "64:ff9b::808:808",
    ];
    for (const address of outside) expect(isPrivateAddress(address), address).toBe(false);
    expect(isPrivateAddress("hooks.example.com")).toBe(false);
  });

  it("reads a URL's host as written: localhost and its subdomains, bracketed IPv6", () => {
    for (const host of [
      "localhost",
      "localhost.",
      "API.localhost",
      "[::1]",
      "[::ffff:7f00:1]",
      "127.0.0.1",
      "[::7f00:1]",
    ]) {
      expect(isPrivateHost(host), host).toBe(true);
    }
    expect(isPrivateHost("hooks.example.com")).toBe(false);
  });
});

describe("the connection's lookup", () => {
  it("gives a name's public addresses, in the form the caller asked for", async () => {
    const lookup = publicOnlyLookup(resolvingTo("93.184.216.34", "2a00:1450:4001::200e"));
    expect(await lookUp(lookup, true)).toEqual({
      error: null,
      address: [
        { address: "93.184.216.34", family: 4 },
        { address: "2a00:1450:4001::200e", family: 6 },
      ],
      family: undefined,
    });
    expect(await lookUp(lookup, false)).toEqual({ error: null, address: "93.184.216.34", family: 4 });
  });

  it("fails for a name with any address inside our network, or none, and passes DNS errors on", async () => {
    for (const addresses of [
      ["127.0.0.1"],
      ["93.184.216.34", "10.0.0.7"],
      ["::ffff:169.254.169.254"],
      ["2002:7f00:1::"],
    ]) {
      const { error } = await lookUp(publicOnlyLookup(resolvingTo(...addresses)), true);
      expect(error, addresses.join(",")).toBeInstanceOf(PrivateAddressError);
      expect(error!.code).toBe("EPRIVATEADDRESS");
    }
    const { error: none } = await lookUp(publicOnlyLookup(resolvingTo()), true);
    expect(none!.code).toBe("ENOTFOUND");
    const notFound = Object.assign(new Error("not found"), { code: "ENOTFOUND" });
    const { error } = await lookUp(
      publicOnlyLookup((_h, _o, callback) => callback(notFound, [])),
      true,
    );
    expect(error).toBe(notFound);
  });
});

describe("sending a webhook", () => {
  let receiver: Awaited<ReturnType<typeof givenReceiver>>;
  const init = { headers: { "content-type": "application/json" }, body: "{}", timeoutMs: 5_000 };
  beforeAll(async () => {
    receiver = await givenReceiver();
  });
  afterAll(async () => {
    await receiver.stop();
  });

  it("never connects to our own network where that is not allowed, whether written or resolved", async () => {
    const port = new URL(receiver.url()).port;
    expect(await sendWebhookRequest(receiver.url(), init, { publicOnly: false })).toEqual({ status: 204 });
    expect(receiver.received).toHaveLength(1);

    await expect(sendWebhookRequest(receiver.url(), init, { publicOnly: true })).rejects.toBeInstanceOf(
      PrivateAddressError,
    );
    // A public-looking name that resolves to this machine (or was re-pointed after the check).
    for (const address of ["127.0.0.1", "::ffff:127.0.0.1"]) {
      const sent = sendWebhookRequest(`http://hooks.example.test:${port}/hooks`, init, {
        publicOnly: true,
        resolve: resolvingTo(address),
      });
      await expect(sent).rejects.toMatchObject({ cause: { code: "EPRIVATEADDRESS" } });
    }
    expect(receiver.received).toHaveLength(1);
  });
});
