import { appUrl } from "@/lib/env";

/** A sign-in link's return address: a path on this site, or an absolute URL of this site. */
export function isOwnCallbackUrl(value: string): boolean {
  const base = new URL(appUrl());
  let url: URL;
  try {
    url = new URL(value, base);
  } catch {
    return false;
  }
  return url.origin === base.origin && !/[\p{Cc}\\]/u.test(value);
}
