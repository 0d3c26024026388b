import { z } from "zod";
import type { ActionResult } from "@/lib/actions/types";

// The opaque id from listSessions (hex digest), never a session token.
export const revokeSessionSchema = z.strictObject({
  sessionId: z.string().regex(/^[0-9a-f]{32}$/),
});

export const revokeOtherSessionsSchema = z.strictObject({});

export type RevokeSessionState = ActionResult<{ revoked: number }> | null;
