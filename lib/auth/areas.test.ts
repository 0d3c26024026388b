import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { users } from "@/db/schema";
import { listOutbox } from "@/lib/mail/outbox";
import { givenCustomer, givenStaff } from "@/lib/testing/factories";
import type { Actor } from "./actor";
import { homePathFor, mayEnterArea, ownAreaPath } from "./areas";
import { issueSignInLink } from "./issue-sign-in-link";

const customer: Actor = { kind: "customer", userId: "u1", customerId: "u1" };
const agent: Actor = { kind: "staff", userId: "u2", role: "agent" };
const product: Actor = { kind: "staff", userId: "u3", role: "product" };

describe("areas", () => {
  it("gives each audience its own home", () => {
    expect([customer, agent, product, null].map(homePathFor)).toEqual(["/account", "/support", "/studio", "/"]);
  });

  it("lets each role into its own area only", () => {
    const matrix = [customer, agent, product, null].map((actor) =>
      (["account", "support", "studio"] as const).filter((area) => mayEnterArea(actor, area)),
    );
    expect(matrix).toEqual([["account"], ["support"], ["studio"], []]);
  });

  it("keeps a return path only inside the role's own area", () => {
    expect(ownAreaPath("customer", "/account/export")).toBe("/account/export");
    expect(ownAreaPath("customer", "/account")).toBe("/account");
    expect(ownAreaPath("agent", "/support/requests?due=1")).toBe("/support/requests?due=1");
    for (const bad of ["/accounts", "/support", "//evil.example/account", "/account\\..", "https://x/account", ""]) {
      expect(ownAreaPath("customer", bad), bad).toBeNull();
    }
    expect(ownAreaPath("product", "/account")).toBeNull();
    expect(ownAreaPath("agent", undefined)).toBeNull();
  });
});

async function emailOf(userId: string): Promise<string> {
  const [row] = await (await getDb()).select({ email: users.email }).from(users).where(eq(users.id, userId));
  return row!.email;
}

async function callbackOf(email: string, returnTo?: string): Promise<string> {
  await issueSignInLink({ email, locale: "en", returnTo });
  const mail = listOutbox().find((m) => m.to === email);
  return new URL(new URL(mail!.url).searchParams.get("callbackUrl")!).pathname;
}

describe("sign-in links land in the person's own area", () => {
  it("an agent's and a product member's links lead to their staff home, never to /account", async () => {
    const agentActor = await givenStaff("agent");
    const productActor = await givenStaff("product");
    expect(await callbackOf(await emailOf(agentActor.userId))).toBe("/support");
    expect(await callbackOf(await emailOf(productActor.userId), "/account/export")).toBe("/studio");
  });

  it("a customer's link keeps a return path in the account area and refuses any other", async () => {
    const { email } = await givenCustomer("lands");
    expect(await callbackOf(email, "/account/delete")).toBe("/account/delete");
    const other = await givenCustomer("lands-home");
    expect(await callbackOf(other.email, "/support")).toBe("/account");
  });
});
