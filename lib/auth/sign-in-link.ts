import { z } from "zod";
import { isOwnCallbackUrl } from "./callback-url";

// The fields of a mailed sign-in link, as /signin/continue receives them in its query and
// posts them back to the Auth.js callback. Anything else is not one of our links.
export const signInLinkSchema = z.strictObject({
  token: z.string().regex(/^[0-9a-f]{64}$/),
  email: z.string().max(254).pipe(z.email()),
  // Only this site: Auth.js answers any other callbackUrl (`javascript:`, unparseable) with a 500.
  callbackUrl: z.string().max(2048).refine(isOwnCallbackUrl),
});
export type SignInLink = z.infer<typeof signInLinkSchema>;

/** Our page that shows the "Continue" button: what a mail scanner opens changes nothing. */
export const SIGN_IN_CONTINUE_PATH = "/signin/continue";
/** Where the Continue form posts; the only Auth.js endpoint we expose. */
export const SIGN_IN_CALLBACK_PATH = "/api/auth/callback/email";

/**
 * What a mailed link carries: the token and where to return, not the email address (a URL
 * ends up in browser history, proxies' logs and our own server log in local mode). The
 * continue page finds whose link it is from the token.
 */
export const signInQuerySchema = signInLinkSchema.pick({ token: true, callbackUrl: true });
export type SignInQuery = z.infer<typeof signInQuerySchema>;

/** A mailed link's query (a link mailed before may still carry the email: it is not read). */
export function readSignInQuery(fields: { getAll(name: string): unknown[] }): SignInQuery | null {
  const one = (name: string) => {
    const values = fields.getAll(name);
    return values.length === 1 && typeof values[0] === "string" ? values[0] : undefined;
  };
  const parsed = signInQuerySchema.safeParse({ token: one("token"), callbackUrl: one("callbackUrl") });
  return parsed.success ? parsed.data : null;
}

/** Reads a link's fields from a query or a form, each exactly once; null when they are not a link. */
export function readSignInLink(fields: { getAll(name: string): unknown[] }): SignInLink | null {
  const one = (name: string) => {
    const values = fields.getAll(name);
    return values.length === 1 && typeof values[0] === "string" ? values[0] : undefined;
  };
  const parsed = signInLinkSchema.safeParse({
    token: one("token"),
    email: one("email"),
    callbackUrl: one("callbackUrl"),
  });
  return parsed.success ? parsed.data : null;
}
