import "server-only";
import { headers } from "next/headers";
import { env } from "@/lib/env";

/**
 * The client's address for rate limiting. `next start` appends the socket address
 * to X-Forwarded-For; behind N trusted proxies (TILLIT_TRUSTED_PROXY_HOPS) the
 * client is N entries before that. Entries further left are client-controlled.
 */
export async function clientAddress(): Promise<string> {
  const h = await headers();
  const chain = (h.get("x-forwarded-for") ?? "")
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);
  const index = chain.length - 1 - env().TILLIT_TRUSTED_PROXY_HOPS;
  return chain[Math.max(index, 0)] ?? h.get("x-real-ip") ?? "unknown";
}
