import { appUrl } from "@/lib/env";

/**
 * A sign-in link's return address: a path on this site ("/account…") or an absolute URL of
 * this site. Stricter than Auth.js's own check (an http(s) URL, or a path), which answers
 * anything else with a 500.
 */
export function isOwnCallbackUrl(value: string): boolean {
  const base = new URL(appUrl());
  if (/[\p{Cc}\\\s]/u.test(value)) return false;
  let url: URL;
  try {
    url = value.startsWith("/") ? new URL(value, base) : new URL(value);
  } catch {
    return false;
  }
  return url.origin === base.origin;
}
