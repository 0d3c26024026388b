import { eq, type SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { accounts, orders, sessions, signInEvents } from "@/db/schema";
import { givenCustomer, givenSession, givenStaff } from "@/lib/testing/factories";
import { customerScope, systemScope, type CustomerScope } from "./customer-scope";

const dialect = new PgDialect();
const render = (condition: SQL) => dialect.sqlToQuery(condition);

describe("customerScope", () => {
  it("is the same condition as the hand-written customer_id / user_id filter", () => {
    const kari = { kind: "customer", userId: "kari-id", customerId: "kari-id" } as const;
    expect(render(customerScope(orders, kari))).toEqual(render(eq(orders.customerId, "kari-id")));
    expect(render(customerScope(sessions, kari))).toEqual(render(eq(sessions.userId, "kari-id")));
    expect(render(customerScope(accounts, kari))).toEqual(render(eq(accounts.userId, "kari-id")));
    const job = systemScope("kari-id", "erasure job");
    expect(render(customerScope(signInEvents, job))).toEqual(render(eq(signInEvents.userId, "kari-id")));
    expect(job).toMatchObject({ kind: "system", customerId: "kari-id", principal: "erasure job" });
    expect(Object.isFrozen(job)).toBe(true);
  });

  it("reads one customer's rows only", async () => {
    const db = await getDb();
    const kari = await givenCustomer("scope-kari");
    const ola = await givenCustomer("scope-ola");
    const order = (customerId: string, orderNumber: string) => ({
      customerId,
      orderNumber,
      placedAt: new Date(),
      status: "delivered" as const,
      channel: "web" as const,
      itemCount: 1,
      totalOre: 10_000,
    });
    await db.insert(orders).values([order(kari.customerId, "K-1"), order(ola.customerId, "O-1")]);
    await givenSession(kari.userId);
    const numbers = async (scope: CustomerScope) =>
      (await db.select().from(orders).where(customerScope(orders, scope))).map((o) => o.orderNumber);
    expect(await numbers(kari)).toEqual(["K-1"]);
    expect(await numbers(systemScope(ola.customerId, "export"))).toEqual(["O-1"]);
    expect(await db.select().from(sessions).where(customerScope(sessions, ola))).toEqual([]);
    expect(await db.select().from(sessions).where(customerScope(sessions, kari))).toHaveLength(1);
  });

  it("cannot be given a bare id, a staff member or a table without an owner", async () => {
    const agent = await givenStaff("agent");
    // @ts-expect-error a customer id is not a scope
    expect(() => customerScope(orders, "kari-id")).toThrow("customerScope needs a customer scope");
    // @ts-expect-error staff reach a customer only through withStaffAccess
    expect(() => customerScope(orders, agent)).toThrow("customerScope needs a customer scope");
    // @ts-expect-error a look-alike is not a scope issued by withStaffAccess
    const forged: CustomerScope = { kind: "staff_access", customerId: "kari-id", revealed: [] };
    expect(forged).toBeTruthy();
    expect(() => customerScope(orders, { kind: "customer", userId: "x", customerId: "" })).toThrow();
    // @ts-expect-error purposes belong to no customer
    expect(() => customerScope({ key: orders.id }, systemScope("kari-id", "export"))).toThrow();
  });
});
