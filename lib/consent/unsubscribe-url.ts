import "server-only";
import { appUrl } from "@/lib/env";
import { ensureAuthSecret } from "@/lib/security/secret";
import { createUnsubscribeToken } from "./unsubscribe-token";

/**
 * The one-click opt-out link for a message sent for `purposeKey` to this customer
 * (RFC 8058: the same URL goes into the List-Unsubscribe header and the body).
 */
export async function createUnsubscribeUrl(input: { customerId: string; purposeKey: string; now?: Date }) {
  const token = await createUnsubscribeToken({ ...input, secret: ensureAuthSecret() });
  return `${appUrl()}/unsubscribe/${token}`;
}
