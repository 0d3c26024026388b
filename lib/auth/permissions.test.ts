import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import type { Actor, ApiClientActor, CustomerActor, StaffActor } from "./actor";
import { assertCan, assertCustomer, assertStaff, can, customerMay, permissionsOf } from "./permissions";

const customer: CustomerActor = { kind: "customer", userId: "c-1", customerId: "c-1" };
const agent: StaffActor = { kind: "staff", userId: "s-1", role: "agent" };
const product: StaffActor = { kind: "staff", userId: "s-2", role: "product" };
const client = (scopes: ApiClientActor["scopes"]): ApiClientActor => ({
  kind: "api_client",
  clientId: "crm",
  name: "CRM",
  scopes,
  tokenHash: "",
});
// Shapes a bug or a tampered value could produce: none of them may do anything.
const unknownKind = { kind: "robot", userId: "r-1" } as unknown as Actor;
const unknownRole = { kind: "staff", userId: "s-3", role: "admin" } as unknown as Actor;
const staffAsCustomer = { kind: "staff", userId: "s-4", role: "customer" } as unknown as Actor;
const prototypeRole = { kind: "staff", userId: "s-5", role: "constructor" } as unknown as Actor;

describe("permissions", () => {
  it("gives an API client exactly the scopes it holds, and nothing a person may do", () => {
    const reader = client(["consent.read"]);
    expect(permissionsOf(reader)).toEqual(["consent.read"]);
    expect(can(reader, "consent.read")).toBe(true);
    expect(can(reader, "consent.check.bulk")).toBe(false);
    expect(can(reader, "consent.read.own")).toBe(false);
    expect(can(reader, "customers.view")).toBe(false);
    expect(permissionsOf(client(["webhooks.manage", "events.write", "consent.check.bulk", "consent.read"]))).toEqual([
      "consent.read",
      "consent.check.bulk",
      "events.write",
      "webhooks.manage",
    ]);
    const tampered = client(["consent.read", "purposes.publish"] as unknown as ApiClientActor["scopes"]);
    expect(permissionsOf(tampered)).toEqual(["consent.read"]);
    expect(permissionsOf(client([]))).toEqual([]);
    expect(() => assertCustomer(reader, "consent.read")).toThrow(new AppError("forbidden"));
    expect(() => assertStaff(reader, "consent.read")).toThrow(new AppError("forbidden"));
  });

  it("names what each staff role may do, for the staff home", () => {
    expect(permissionsOf(agent)).toEqual([
      "workspace.read",
      "customers.view",
      "customers.reveal",
      "requests.file",
      "requests.work",
      "requests.extend",
      "requests.resolve",
      "jobs.retry",
    ]);
    expect(permissionsOf(product)).toEqual([
      "workspace.read",
      "purposes.read",
      "purposes.write",
      "purposes.publish",
      "withdrawal_reasons.read",
      "audit.read",
      "analytics.read",
      "integrations.manage",
    ]);
    expect(permissionsOf(customer)).toContain("consent.write.own");
    expect(permissionsOf(null)).toEqual([]);
  });

  it("assertStaff returns the staff member, and refuses everyone else like assertCan", () => {
    expect(assertStaff(agent, "customers.view")).toBe(agent);
    expect(assertStaff(product, "purposes.publish")).toBe(product);
    expect(() => assertStaff(null, "customers.view")).toThrow(new AppError("unauthenticated"));
    expect(() => assertStaff(product, "customers.view")).toThrow(new AppError("forbidden"));
    expect(() => assertStaff(agent, "purposes.publish")).toThrow(new AppError("forbidden"));
    // A customer holding the permission is still not staff.
    expect(() => assertStaff(customer, "consent.read.own")).toThrow(new AppError("forbidden"));
  });

  it("fails closed for an unknown kind or role", () => {
    for (const actor of [unknownKind, unknownRole, staffAsCustomer, prototypeRole]) {
      expect(permissionsOf(actor)).toEqual([]);
      expect(can(actor, "consent.read.own")).toBe(false);
      expect(() => assertCan(actor, "consent.read.own")).toThrow(new AppError("forbidden"));
      expect(() => assertStaff(actor, "customers.view")).toThrow(new AppError("forbidden"));
      expect(() => assertCustomer(actor, "consent.read.own")).toThrow(new AppError("forbidden"));
    }
  });

  it("customerMay gives the customer who may, and null for anyone else", () => {
    expect(customerMay(customer, "data.export.own")).toBe(customer);
    expect(customerMay(agent, "customers.view")).toBeNull();
    expect(customerMay(client(["consent.read"]), "consent.read")).toBeNull();
    expect(customerMay(null, "data.export.own")).toBeNull();
  });
});
