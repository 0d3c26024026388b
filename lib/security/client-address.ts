import "server-only";
import { isIPv6 } from "node:net";
import { headers } from "next/headers";
import { env } from "@/lib/env";
import { forwardedHeadersGuarded, passedForwardedGuard } from "./forwarded-headers";

/**
 * The client's address for rate limiting.
 *
 * Behind N trusted reverse proxies (TILLIT_TRUSTED_PROXY_HOPS=N), each appends the
 * address it received the request from, so the client is the N-th entry from the end
 * of X-Forwarded-For; anything before it was written by the client and is ignored.
 * With no proxy (N=0) X-Forwarded-For is the socket's own address: the server replaced
 * whatever the client sent (`guardForwardedHeaders`, installed at start-up). Without
 * that guard the header would be the client's word, so every request counts as one
 * client rather than letting anyone pick a fresh address per request.
 */
export async function clientAddress(): Promise<string> {
  return clientAddressOf(await headers());
}

/** The same, from a request's headers read by name (the integration API's door has no next/headers). */
export function clientAddressOf(h: { get(name: string): string | null }): string {
  const hops = env().TILLIT_TRUSTED_PROXY_HOPS;
  // Behind proxies the header is theirs; with none it is trusted only once the guard rewrote it.
  if (hops === 0 && (forwardedHeadersGuarded() !== 0 || !passedForwardedGuard(h))) return "unknown";
  const chain = (h.get("x-forwarded-for") ?? "")
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);
  const entry = hops === 0 ? chain.at(-1) : chain[chain.length - hops];
  return entry ? limitKey(entry) : "unknown";
}

/**
 * An IPv6 host or home is given a whole /64 and may use any address in it, so a limit per
 * address would give it 2^64 fresh keys: IPv6 clients are limited per /64. An IPv4 address
 * written in IPv6 form (a dual-stack socket) is the IPv4 address.
 */
function limitKey(address: string): string {
  if (!isIPv6(address)) return address;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  const [head = "", tail] = address.split("%")[0]!.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups =
    tail === undefined ? left : [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill("0"), ...right];
  return `${groups
    .slice(0, 4)
    .map((group) => parseInt(group, 16).toString(16))
    .join(":")}::/64`;
}
