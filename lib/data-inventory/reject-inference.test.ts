import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { dataChanges, inferences } from "@/db/schema";
import { givenCustomer, givenPublishedPurposes, givenStaff } from "@/lib/testing/factories";
import { activeInferences } from "./active-inferences";
import { getDataOverview } from "./get-data-overview";
import { listInferences } from "./list-inferences";
import { rejectInference } from "./reject-inference";
import { givenInferences } from "./data-inventory.test-support";

type Customer = Awaited<ReturnType<typeof givenCustomer>>;
let anne: Customer;
let bob: Customer;
let annes: string[];
let bobs: string[];

async function inferenceRows() {
  return (await getDb()).select().from(inferences).orderBy(inferences.id);
}
async function changesOf(customerId: string) {
  return (await getDb()).select().from(dataChanges).where(eq(dataChanges.customerId, customerId));
}

beforeEach(async () => {
  await (await getDb()).delete(inferences);
  if (!anne) {
    await givenPublishedPurposes();
    anne = await givenCustomer("anne");
    bob = await givenCustomer("bob");
  }
  annes = await givenInferences(anne.customerId, new Date());
  bobs = await givenInferences(bob.customerId, new Date());
});

describe("rejectInference", () => {
  it("marks it rejected, records the change in the same transaction, and stops its use", async () => {
    const before = await changesOf(anne.customerId);
    const result = await rejectInference(anne, { inferenceId: annes[0]! });
    expect(result).toMatchObject({ id: annes[0], label: { nb: "Aktiv løper", en: "Active runner" } });

    const [row] = (await inferenceRows()).filter((r) => r.id === annes[0]);
    expect(row).toMatchObject({ status: "rejected", rejectedAt: result.rejectedAt });
    const changes = await changesOf(anne.customerId);
    expect(changes.length).toBe(before.length + 1);
    expect(changes.at(-1)).toMatchObject({ field: "inference", action: "rejected", occurredAt: result.rejectedAt });

    expect((await activeInferences(anne)).map((i) => i.id)).toEqual([annes[1]]);
    const listed = await listInferences(anne, "en");
    expect(listed.active.map((i) => i.label)).toEqual(["Outdoor life"]);
    expect(listed.rejected).toEqual([{ id: annes[0], label: "Active runner", rejectedAt: result.rejectedAt }]);
    const overview = await getDataOverview(anne, "en");
    expect(overview.find((c) => c.key === "inferences")!.count).toBe(1);
  });

  it("changes nothing when rejected twice", async () => {
    const first = await rejectInference(anne, { inferenceId: annes[1]! });
    const changes = await changesOf(anne.customerId);
    const again = await rejectInference(anne, { inferenceId: annes[1]! });
    expect(again).toEqual(first);
    expect(await changesOf(anne.customerId)).toEqual(changes);
  });

  it("says another customer's inference is not found, and changes nothing", async () => {
    const rows = await inferenceRows();
    const changes = await (await getDb()).select().from(dataChanges);
    await expect(rejectInference(bob, { inferenceId: annes[0]! })).rejects.toMatchObject({ code: "not_found" });
    await expect(rejectInference(bob, { inferenceId: "no-such-id" })).rejects.toMatchObject({ code: "not_found" });
    expect(await inferenceRows()).toEqual(rows);
    expect(await (await getDb()).select().from(dataChanges)).toEqual(changes);
    expect((await activeInferences(anne)).length).toBe(2);
    expect((await activeInferences(bob)).map((i) => i.id).sort()).toEqual([...bobs].sort());
  });

  it("refuses staff and visitors", async () => {
    await expect(rejectInference(await givenStaff("agent"), { inferenceId: annes[0]! })).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(rejectInference(null, { inferenceId: annes[0]! })).rejects.toMatchObject({
      code: "unauthenticated",
    });
    expect((await activeInferences(anne)).length).toBe(2);
  });
});
