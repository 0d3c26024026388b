import "server-only";
import { headers } from "next/headers";
import { cache } from "react";
import type { Actor } from "@/lib/auth/actor";
import { currentSession } from "@/lib/auth/current-session";
import { applyGlobalPrivacyControl } from "@/lib/consent/apply-global-privacy-control";
import { resolveLocale } from "@/lib/i18n/request";
import { touchSession, type SessionSeen } from "@/lib/sessions/touch-session";

// The actor of a page or action request. lib/auth finds the session; what a request does
// besides (device bookkeeping, the GPC signal) belongs to other areas, composed here so
// that lib/auth imports neither of them.

/** The signed-in principal for this request, or null (no cookie, unknown or expired session). */
export const currentActor = cache(async (): Promise<Actor | null> => {
  const found = await currentSession();
  if (!found) return null;
  await touchSessionQuietly(found.session);
  await honourGlobalPrivacyControl(found.actor);
  return found.actor;
});

// Device bookkeeping must never cost the customer the request.
async function touchSessionQuietly(session: SessionSeen): Promise<void> {
  try {
    await touchSession({ session, userAgent: (await headers()).get("user-agent") });
  } catch (error) {
    console.error(`[tillit] touch session failed: ${error instanceof Error ? error.name : "unknown error"}`);
  }
}

// Every request of a signed-in customer whose browser sends `Sec-GPC: 1` opts out of the
// purposes that share data with third parties, before the page reads any consent.
async function honourGlobalPrivacyControl(actor: Actor): Promise<void> {
  if (actor.kind !== "customer") return;
  try {
    const h = await headers();
    if (h.get("sec-gpc")?.trim() !== "1") return;
    await applyGlobalPrivacyControl(actor, { userAgent: h.get("user-agent"), locale: await resolveLocale() });
  } catch (error) {
    console.error(`[tillit] global privacy control failed: ${error instanceof Error ? error.name : "unknown error"}`);
  }
}
