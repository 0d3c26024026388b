import "server-only";
import { DrizzleAdapter } from "@auth/drizzle-adapter";
import { eq } from "drizzle-orm";
import NextAuth from "next-auth";
import type { EmailConfig } from "next-auth/providers";
import { getDb } from "@/db";
import { accounts, sessions, users, verificationTokens } from "@/db/schema";
import { appUrl } from "@/lib/env";
import { ensureAuthSecret } from "@/lib/security/secret";
import { SIGN_IN_LINK_MAX_AGE_SECONDS } from "./issue-sign-in-link";

export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

// Auth.js verifies and consumes the links; issuing them is ours (issue-sign-in-link.ts),
// because the sign-in form must answer before we know whether the address is known.
const emailProvider: EmailConfig = {
  id: "email",
  type: "email",
  name: "Email",
  maxAge: SIGN_IN_LINK_MAX_AGE_SECONDS,
  sendVerificationRequest() {
    throw new Error("Sign-in links are issued by issueSignInLink, not by Auth.js's sign-in endpoint.");
  },
};

async function isKnownUser(email: string | null | undefined): Promise<boolean> {
  if (!email) return false;
  const db = await getDb();
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.email, email.toLowerCase())).limit(1);
  return Boolean(row);
}

// Auth.js is kept inside lib/auth/ so that replacing it later is one folder's work.
export const { handlers, signOut } = NextAuth(async () => {
  const secret = ensureAuthSecret();
  // Magic links are built from AUTH_URL; in local mode that is the port we listen on. Always
  // the normalised form (loopback addresses as localhost, see lib/env.ts), which Auth.js reads.
  process.env.AUTH_URL = appUrl();
  return {
    secret,
    // Safe: with AUTH_URL always set, Auth.js builds every URL from it, not from the Host header.
    trustHost: true,
    adapter: DrizzleAdapter(await getDb(), {
      usersTable: users,
      accountsTable: accounts,
      sessionsTable: sessions,
      verificationTokensTable: verificationTokens,
    }),
    providers: [emailProvider],
    session: { strategy: "database", maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/signin", verifyRequest: "/signin/check-email", error: "/signin/error" },
    callbacks: {
      // Only people the company already knows may sign in; never create a user here.
      async signIn({ user }) {
        return (await isKnownUser(user.email)) ? true : "/signin/check-email";
      },
    },
    logger: {
      // Auth.js errors can carry emails: log the error's name only.
      error: (error) => {
        const type = (error as { type?: string }).type ?? error.name;
        const cause = error.cause instanceof Error ? ` (cause: ${error.cause.name})` : "";
        console.error(`[auth] ${type}${cause}`);
      },
      warn: (code) => console.warn(`[auth] warning ${code}`),
      debug: () => {},
    },
  };
});
