import { BlockList, isIP } from "node:net";

// Which addresses a webhook may be posted to. In production a receiver must be on the
// internet, not inside the server's own network (SSRF): loopback, private, link-local,
// shared (CGNAT), multicast, reserved and documentation ranges are refused — as a literal in
// the subscription's URL (webhook-schema.ts) and, for a name, by the address it resolves to
// when the delivery connects (webhook-transport.ts). TILLIT_WEBHOOK_ALLOW_PRIVATE=1 lifts
// both (a local demo, the journeys); outside production they do not apply.

const notPublic = new BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const) {
  notPublic.addSubnet(network, prefix, "ipv4");
}
for (const [network, prefix] of [
  ["::", 127], // :: and ::1
  ["100::", 64], // discard
  ["2001:db8::", 32], // documentation
  ["fc00::", 7], // unique local
  ["fe80::", 10], // link-local
  ["ff00::", 8], // multicast
] as const) {
  notPublic.addSubnet(network, prefix, "ipv6");
}

/** Whether an IP address (v4, or v6 with v4 mapped or translated into it) is outside the public internet. */
export function isPrivateAddress(address: string): boolean {
  const ip = address.toLowerCase();
  const kind = isIP(ip);
  if (kind === 4) return notPublic.check(ip, "ipv4");
  if (kind !== 6) return false;
  // ::ffff:a.b.c.d (mapped) and 64:ff9b::a.b.c.d (NAT64) reach the IPv4 address inside.
  const embedded = /^(?:::ffff:|64:ff9b::)(\d+\.\d+\.\d+\.\d+)$/.exec(ip);
  if (embedded) return notPublic.check(embedded[1]!, "ipv4");
  const hex = /^(?:::ffff:|64:ff9b::)([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(ip);
  if (hex) {
    const value = (parseInt(hex[1]!, 16) << 16) | parseInt(hex[2]!, 16);
    const v4 = [24, 16, 8, 0].map((shift) => (value >>> shift) & 255).join(".");
    return notPublic.check(v4, "ipv4");
  }
  return notPublic.check(ip, "ipv6");
}

/** Whether a URL's host is this machine or its private network, by literal ("localhost" included). */
export function isPrivateHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  if (host === "localhost" || host.endsWith(".localhost")) return true;
  return isPrivateAddress(host);
}

/** Whether receivers inside our own network are allowed now (read at call time). */
export function privateReceiversAllowed(): boolean {
  return process.env.NODE_ENV !== "production" || process.env.TILLIT_WEBHOOK_ALLOW_PRIVATE === "1";
}
