import { vi } from "vitest";
import { translatorFor } from "@/lib/i18n/translator";
import type { Locale } from "@/lib/i18n/locales";
import type { Messages } from "@/messages";

/**
 * Stand-ins for what server actions and route handlers read from Next and next-intl, driven by
 * `request`. Vitest hoists vi.mock above the imports, so each test file names the modules it needs:
 *
 *   vi.mock("next/headers", () => import("@/lib/testing/action-mocks"));
 *   vi.mock("next/cache", () => import("@/lib/testing/action-mocks"));
 *   vi.mock("next-intl/server", () => import("@/lib/testing/action-mocks"));
 *   vi.mock("next/navigation", () => import("@/lib/testing/action-mocks"));
 *   vi.mock("@/lib/i18n/request", () => import("@/lib/testing/action-mocks"));
 *
 * Every test file runs in its own module graph, so `request` starts afresh per file.
 */
export const request = {
  cookies: new Map<string, string>(),
  headers: new Headers(),
  locale: "en" as Locale,
};

export function signedInWith(sessionToken: string | null) {
  request.cookies.clear();
  if (sessionToken) request.cookies.set("authjs.session-token", sessionToken);
}

// next/headers
export async function cookies() {
  return {
    get: (name: string) => (request.cookies.has(name) ? { name, value: request.cookies.get(name)! } : undefined),
  };
}

export async function headers() {
  return request.headers;
}

// next/cache
export const revalidatePath = vi.fn();

// next/navigation: redirect() throws, as in Next; tests catch the Redirect to see where it went.
export class Redirect extends Error {
  constructor(readonly url: string) {
    super(`redirect to ${url}`);
  }
}

export function redirect(url: string): never {
  throw new Redirect(url);
}

/** notFound() throws, as in Next; tests catch the NotFound. */
export class NotFound extends Error {
  constructor() {
    super("not found");
  }
}

export function notFound(): never {
  throw new NotFound();
}

export function unstable_rethrow(error: unknown) {
  if (error instanceof Redirect || error instanceof NotFound) throw error;
}

// next-intl/server
// Without a namespace: the whole catalogue, as next-intl gives it.
export async function getTranslations<N extends keyof Messages>(namespace?: N) {
  return translatorFor(request.locale, namespace as N);
}

export async function getLocale() {
  return request.locale;
}

export const getRequestConfig = (config: unknown) => config;

// @/lib/i18n/request
export async function resolveLocale() {
  return request.locale;
}
