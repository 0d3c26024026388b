"use server";

import { defineAction } from "@/lib/define-action";
import type { FormAction } from "@/lib/actions/types";
import { currentSessionToken } from "@/lib/auth/current-session";
import { revokeOtherSessions } from "@/lib/sessions/revoke-other-sessions";
import { revokeSession } from "@/lib/sessions/revoke-session";
import { revokeOtherSessionsSchema, revokeSessionSchema, type RevokeSessionState } from "@/lib/sessions/session-schema";

export const revokeSessionAction: FormAction<RevokeSessionState> = defineAction({
  name: "revoke session",
  schema: revokeSessionSchema,
  // Another customer's session, this very one and an unknown id all get devices.errors.not_found.
  messages: "devices",
  principal: "actor",
  run: async (actor, { sessionId }) =>
    revokeSession(actor, { sessionId, currentSessionToken: await currentSessionToken() }),
  revalidate: { path: "/account/devices" },
  ok: () => ({ revoked: 1 }),
});

export const revokeOtherSessionsAction: FormAction<RevokeSessionState> = defineAction({
  name: "revoke other sessions",
  schema: revokeOtherSessionsSchema,
  messages: "devices",
  principal: "actor",
  run: async (actor) => revokeOtherSessions(actor, { currentSessionToken: await currentSessionToken() }),
  revalidate: { path: "/account/devices" },
  ok: ({ revoked }) => ({ revoked }),
});
