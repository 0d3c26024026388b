import { describe, expect, it } from "vitest";
import { givenCustomer, givenSession, givenStaff } from "@/lib/testing/factories";
import { actorForSessionToken } from "./current-session";

describe("actorForSessionToken", () => {
  it("maps a customer's live session to the customer", async () => {
    const kari = await givenCustomer("kari");
    expect(await actorForSessionToken(await givenSession(kari.userId))).toEqual({
      kind: "customer",
      userId: kari.userId,
      customerId: kari.customerId,
      // When the session was created: export and erasure need a sign-in from the last 10 minutes.
      signedInAt: expect.any(Date),
    });
  });

  it.each(["agent", "product"] as const)("maps an %s's session to staff with that role", async (role) => {
    const staff = await givenStaff(role);
    expect(await actorForSessionToken(await givenSession(staff.userId))).toEqual({
      kind: "staff",
      userId: staff.userId,
      role,
      signedInAt: expect.any(Date),
    });
  });

  it("refuses an expired session", async () => {
    const kari = await givenCustomer("expired");
    expect(await actorForSessionToken(await givenSession(kari.userId, -1000))).toBeNull();
  });

  it("refuses an unknown token", async () => {
    expect(await actorForSessionToken("no-such-session")).toBeNull();
  });
});
