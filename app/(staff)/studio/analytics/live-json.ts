import { mayEnterArea } from "@/lib/auth/areas";
import { currentActor } from "@/lib/current-actor";
import type { Actor } from "@/lib/auth/actor";
import { isAppError } from "@/lib/errors";

/** Also the answer to any other method, so no one learns that the route exists. */
export function notFound(): Response {
  return new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}

/**
 * The analytics pages' live figures as JSON: anyone outside the studio, and an unknown
 * purpose, get the same bare 404 as the studio's pages. The reader checks the actor again.
 */
export async function liveJson(read: (actor: Actor | null) => Promise<unknown>): Promise<Response> {
  const actor = await currentActor();
  if (!mayEnterArea(actor, "studio")) return notFound();
  try {
    return Response.json(await read(actor));
  } catch (error) {
    if (isAppError(error) && (error.code === "not_found" || error.code === "forbidden")) return notFound();
    throw error;
  }
}
