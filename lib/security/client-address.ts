import "server-only";
import { headers } from "next/headers";
import { env } from "@/lib/env";

/**
 * The client's address for rate limiting.
 *
 * Behind N trusted reverse proxies (TILLIT_TRUSTED_PROXY_HOPS=N), each appends the
 * address it received the request from, so the client is the N-th entry from the end
 * of X-Forwarded-For; anything before it was written by the client and is ignored.
 * With no proxy (N=0) `next start` fills the header with the socket address only when
 * the client sent none, so the value is client-controlled: per-client limits then need
 * a proxy in front (start-up warns about it in production).
 */
export async function clientAddress(): Promise<string> {
  const h = await headers();
  const chain = (h.get("x-forwarded-for") ?? "")
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);
  const hops = env().TILLIT_TRUSTED_PROXY_HOPS;
  const entry = hops === 0 ? chain.at(-1) : chain[chain.length - hops];
  return entry ?? "unknown";
}
