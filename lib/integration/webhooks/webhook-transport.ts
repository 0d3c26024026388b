import { lookup, type LookupAddress, type LookupOptions } from "node:dns";
import { Agent, fetch } from "undici";
import { isPrivateAddress, isPrivateHost, privateReceiversAllowed } from "./webhook-address";

// How a webhook leaves: undici's fetch through an agent whose connections look names up
// themselves and refuse one that resolves to an address inside our network (a public name
// pointed at 127.0.0.1, or re-pointed after the subscription was checked: the address is
// checked where the connection is made, so nothing can change between check and use).

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** The error a delivery records (its code is the delivery log's error class). */
export class PrivateAddressError extends Error {
  readonly code = "EPRIVATEADDRESS";
  constructor() {
    super("The receiver resolves to an address inside our own network.");
    this.name = "PrivateAddressError";
  }
}

/** How names are resolved: `dns.lookup` with `all`, or a stand-in for DNS in tests. */
export type Resolver = (
  hostname: string,
  options: LookupOptions & { all: true },
  callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void,
) => void;

/** A connection's `lookup` that fails for a name any of whose addresses is not public (or that has none). */
export function publicOnlyLookup(resolve: Resolver = lookup) {
  return (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    resolve(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, "");
      if (addresses.length === 0) {
        return callback(Object.assign(new Error(`${hostname} has no address`), { code: "ENOTFOUND" }), "");
      }
      if (addresses.some((entry) => isPrivateAddress(entry.address))) return callback(new PrivateAddressError(), "");
      if (options.all) return callback(null, addresses);
      callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
}

const holder = globalThis as typeof globalThis & { __tillitWebhookAgents?: Map<boolean, Agent> };

/** One agent per setting, kept alive between deliveries (connections to a receiver are reused). */
function agentFor(publicOnly: boolean): Agent {
  holder.__tillitWebhookAgents ??= new Map();
  let agent = holder.__tillitWebhookAgents.get(publicOnly);
  if (!agent) {
    agent = new Agent(publicOnly ? { connect: { lookup: publicOnlyLookup() } } : {});
    holder.__tillitWebhookAgents.set(publicOnly, agent);
  }
  return agent;
}

/**
 * POSTs a webhook, not following redirects. Where private receivers are not allowed, an
 * address literal inside our network is refused before connecting (a literal is never looked
 * up) and a name by what it resolves to.
 */
export async function sendWebhookRequest(
  url: string,
  init: { headers: Record<string, string>; body: string; timeoutMs: number },
  options: { publicOnly?: boolean; resolve?: Resolver } = {},
): Promise<{ status: number }> {
  const publicOnly = options.publicOnly ?? !privateReceiversAllowed();
  if (publicOnly && isPrivateHost(new URL(url).hostname)) throw new PrivateAddressError();
  // A resolver of its own (tests) gets an agent of its own, closed after the one request.
  const own = options.resolve
    ? new Agent({ connect: publicOnly ? { lookup: publicOnlyLookup(options.resolve) } : {} })
    : undefined;
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: init.headers,
      body: init.body,
      redirect: "manual",
      signal: AbortSignal.timeout(init.timeoutMs),
      dispatcher: own ?? agentFor(publicOnly),
    });
    // The body is not read (nor kept): only the status counts.
    await response.body?.cancel().catch(() => {});
    return { status: response.status };
  } finally {
    await own?.close();
  }
}
