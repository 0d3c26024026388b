import { BlockList, isIP } from "node:net";

// Which addresses a webhook may be posted to. In production a receiver must be on the
// internet, not inside the server's own network (SSRF): loopback, private, link-local,
// shared (CGNAT), multicast, reserved and documentation ranges are refused — as a literal in
// the subscription's URL (webhook-schema.ts) and, for a name, by the address it resolves to
// when the delivery connects (webhook-transport.ts). TILLIT_WEBHOOK_ALLOW_PRIVATE=1 lifts
// both (a local demo, the journeys); outside production they do not apply.

// Two lists: a BlockList checks an IPv4 address against its IPv6 rules too (as ::a.b.c.d),
// which ::/96 below would then match for every IPv4 address.
const notPublicV4 = new BlockList();
const notPublicV6 = new BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.88.99.0", 24], // 6to4 relays
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const) {
  notPublicV4.addSubnet(network, prefix, "ipv4");
}
for (const [network, prefix] of [
  ["::", 96], // ::, ::1 and IPv4-compatible ::a.b.c.d
  ["64:ff9b:1::", 48], // local-use NAT64
  ["100::", 64], // discard
  ["2001::", 32], // Teredo (tunnels to an IPv4 address)
  ["2001:db8::", 32], // documentation
  ["2002::", 16], // 6to4 (tunnels to an IPv4 address)
  ["fc00::", 7], // unique local
  ["fec0::", 10], // site-local (deprecated)
  ["fe80::", 10], // link-local
  ["ff00::", 8], // multicast
] as const) {
  notPublicV6.addSubnet(network, prefix, "ipv6");
}

/** Whether an IP address (v4, or v6 with v4 mapped or translated into it) is outside the public internet. */
export function isPrivateAddress(address: string): boolean {
  const ip = address.toLowerCase();
  const kind = isIP(ip);
  if (kind === 4) return notPublicV4.check(ip, "ipv4");
  if (kind !== 6) return false;
  // ::ffff:a.b.c.d (mapped), ::ffff:0:a.b.c.d (translated) and 64:ff9b::a.b.c.d (NAT64)
  // reach the IPv4 address inside, whether written dotted or in hex.
  const embedded = /^(?:::ffff:(?:0:)?|64:ff9b::)(\d+\.\d+\.\d+\.\d+)$/.exec(ip);
  if (embedded) return notPublicV4.check(embedded[1]!, "ipv4");
  const hex = /^(?:::ffff:(?:0:)?|64:ff9b::)([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(ip);
  if (hex) {
    const value = (parseInt(hex[1]!, 16) << 16) | parseInt(hex[2]!, 16);
    const v4 = [24, 16, 8, 0].map((shift) => (value >>> shift) & 255).join(".");
    return notPublicV4.check(v4, "ipv4");
  }
  return notPublicV6.check(ip, "ipv6");
}

/** Whether a URL's host is this machine or its private network, by literal ("localhost" included). */
export function isPrivateHost(hostname: string): boolean {
  // "localhost." is "localhost": a trailing dot only says the name is complete.
  const host = hostname
    .replace(/^\[|\]$/g, "")
    .replace(/\.$/, "")
    .toLowerCase();
  if (host === "localhost" || host.endsWith(".localhost")) return true;
  return isPrivateAddress(host);
}

/** Whether receivers inside our own network are allowed now (read at call time). */
export function privateReceiversAllowed(): boolean {
  return process.env.NODE_ENV !== "production" || process.env.TILLIT_WEBHOOK_ALLOW_PRIVATE === "1";
}
