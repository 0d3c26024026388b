"use server";

import { cookies } from "next/headers";
import { z } from "zod";
import { signOut } from "@/lib/auth/auth";
import { appUrl } from "@/lib/env";
import { localeCookie, locales } from "@/lib/i18n/locales";

const localeSchema = z.enum(locales);

export async function setLocaleAction(formData: FormData): Promise<void> {
  // A hand-made post can send anything in place of the form.
  const parsed = localeSchema.safeParse(formData instanceof FormData ? formData.get("locale") : null);
  if (!parsed.success) return;
  (await cookies()).set(localeCookie, parsed.data, {
    httpOnly: true,
    sameSite: "lax",
    secure: appUrl().startsWith("https:"),
    maxAge: 60 * 60 * 24 * 365,
    path: "/",
  });
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/" });
}
