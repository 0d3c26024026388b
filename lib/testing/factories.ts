import { randomBytes } from "node:crypto";
import { getDb } from "@/db";
import { customers, sessions, users, type Role } from "@/db/schema";
import { actorForUser, type CustomerActor, type StaffActor } from "@/lib/auth/actor";
import { demoPurposes } from "@/lib/demo/demo-purposes";
import { publishPurposes } from "@/lib/demo/seed";

/** The demo purposes, published. */
export async function givenPublishedPurposes() {
  await publishPurposes(await getDb(), demoPurposes);
}

/** A uniquely named customer with a profile; returns the actor for it. */
export async function givenCustomer(name = "test"): Promise<CustomerActor & { email: string }> {
  const db = await getDb();
  const email = `${name}-${randomBytes(4).toString("hex")}@example.test`;
  const [user] = await db.insert(users).values({ email, name, role: "customer" }).returning();
  await db.insert(customers).values({ id: user!.id, givenName: name, familyName: "Tester" });
  return { ...(actorForUser(user!) as CustomerActor), email };
}

export async function givenStaff(role: Exclude<Role, "customer">): Promise<StaffActor> {
  const db = await getDb();
  const [user] = await db
    .insert(users)
    .values({ email: `${role}-${randomBytes(4).toString("hex")}@example.test`, role })
    .returning();
  return actorForUser(user!) as StaffActor;
}

/** A database session for the user; `expiresInMs` may be negative for an expired one. */
export async function givenSession(userId: string, expiresInMs = 60 * 60 * 1000): Promise<string> {
  const db = await getDb();
  const sessionToken = randomBytes(32).toString("hex");
  await db.insert(sessions).values({ sessionToken, userId, expires: new Date(Date.now() + expiresInMs) });
  return sessionToken;
}
