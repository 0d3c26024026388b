import { z } from "zod";
import { apiScopes } from "@/db/schema";
import type { ActionResult } from "@/lib/actions/types";
import { visibleText } from "@/lib/validation/text";

// What a product member (or the CLI) may send about an API client. Shared by the studio's
// actions and the use cases, which parse again (the CLI calls them directly).

export { apiScopes };
export const API_CLIENT_NAME_MAX = 80;
export const OVERLAP_HOURS_MAX = 168;
export const OVERLAP_HOURS_DEFAULT = 24;

export const apiClientName = visibleText({ required: "required" })
  .trim()
  .min(1, { error: "required" })
  .max(API_CLIENT_NAME_MAX, { error: "tooLong" });

export const apiClientScopes = z
  .array(z.enum(apiScopes, { error: "scopes" }), { error: "scopesRequired" })
  .min(1, { error: "scopesRequired" })
  .refine((scopes) => new Set(scopes).size === scopes.length, { error: "scopesDuplicate" });

export const apiClientCountry = z
  .string({ error: "country" })
  .regex(/^[A-Z]{2}$/, { error: "country" })
  .default("NO");

export const apiClientId = z.uuid({ error: "clientNotFound" });

/** Whole hours, 0–168; a form sends text, the CLI a number. */
export const overlapHours = z
  .union(
    [
      z.number(),
      z
        .string()
        .trim()
        .regex(/^\d{1,3}$/, { error: "overlapHours" })
        .transform(Number),
    ],
    {
      error: "overlapHours",
    },
  )
  .pipe(
    z
      .number()
      .int({ error: "overlapHours" })
      .min(0, { error: "overlapHours" })
      .max(OVERLAP_HOURS_MAX, { error: "overlapHours" }),
  )
  .default(OVERLAP_HOURS_DEFAULT);

export const createApiClientSchema = z.strictObject({
  name: apiClientName,
  scopes: apiClientScopes,
  country: apiClientCountry,
});
export type CreateApiClientInput = z.input<typeof createApiClientSchema>;

export const rotateApiClientTokenSchema = z.strictObject({ clientId: apiClientId, overlapHours });
export type RotateApiClientTokenInput = z.input<typeof rotateApiClientTokenSchema>;

export const revokeApiClientSchema = z.strictObject({ clientId: apiClientId });
export type RevokeApiClientInput = z.input<typeof revokeApiClientSchema>;

/** The studio's revoke form: the product member ticks a confirmation first. */
export const revokeApiClientFormSchema = z.strictObject({
  clientId: apiClientId,
  confirm: z.literal("yes", { error: "confirmRevoke" }),
});

/** A form's state: a new token comes back once, in the action's result, and lives only in client state. */
export type ApiClientFormState =
  | (ActionResult<{ message: string; clientId?: string; name?: string; token?: string }> & {
      values?: Record<string, string>;
    })
  | null;
