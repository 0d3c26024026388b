import "server-only";
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
  const hops = env().TILLIT_TRUSTED_PROXY_HOPS;
  const h = await headers();
  // Behind proxies the header is theirs; with none it is trusted only once the guard rewrote it.
  if (hops === 0 && (forwardedHeadersGuarded() !== 0 || !passedForwardedGuard(h))) return "unknown";
  const chain = (h.get("x-forwarded-for") ?? "")
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);
  const entry = hops === 0 ? chain.at(-1) : chain[chain.length - hops];
  return entry ?? "unknown";
}
