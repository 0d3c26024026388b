import { describe, expect, it } from "vitest";
import { givenCustomer, givenStaff } from "@/lib/testing/factories";
import { getStaffHome } from "./get-staff-home";

describe("getStaffHome", () => {
  it("lists what each staff role may do, without the page itself", async () => {
    const agent = await getStaffHome(await givenStaff("agent"));
    expect(agent).toMatchObject({
      role: "agent",
      permissions: [
        "customers.view",
        "customers.reveal",
        "requests.file",
        "requests.work",
        "requests.extend",
        "requests.resolve",
        "jobs.retry",
      ],
    });
    const product = await getStaffHome(await givenStaff("product"));
    expect(product.permissions).toEqual([
      "purposes.read",
      "purposes.write",
      "purposes.publish",
      "withdrawal_reasons.read",
      "audit.read",
      "analytics.read",
      "integrations.manage",
    ]);
  });

  it("is refused to customers and to nobody", async () => {
    await expect(getStaffHome(await givenCustomer("not-staff"))).rejects.toMatchObject({ code: "forbidden" });
    await expect(getStaffHome(null)).rejects.toMatchObject({ code: "unauthenticated" });
  });
});
