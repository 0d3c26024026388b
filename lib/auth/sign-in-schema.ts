import { z } from "zod";
import type { ActionResult } from "@/lib/actions/types";
import { withoutInvisibleCharacters } from "@/lib/validation/text";

// Shared by the sign-in form and the server action. Messages are i18n keys under `errors.fields`.
export const signInSchema = z.strictObject({
  // Checked before the trim, which would remove a trailing U+2028 or U+FEFF unseen.
  email: withoutInvisibleCharacters(z.string({ error: "emailRequired" }))
    .trim()
    .toLowerCase()
    .min(1, { error: "emailRequired" })
    .max(254, { error: "emailTooLong" })
    .pipe(z.email({ error: "emailInvalid" })),
});
export type SignInInput = z.infer<typeof signInSchema>;

export type SignInState = ActionResult | null;
