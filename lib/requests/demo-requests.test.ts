import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { users } from "@/db/schema";
import { actorForUser } from "@/lib/auth/actor";
import { seedDemoData } from "@/lib/demo/seed";
import { getRequest, listRequests } from "./list-requests";

describe("Kari's demo requests", () => {
  it("shows an answered correction and an open one whose deadline was extended, with consistent histories", async () => {
    const db = await getDb();
    const now = new Date("2027-03-12T10:00:00Z");
    await seedDemoData(db, now);
    const [kari] = await db.select().from(users).where(eq(users.email, "kari@example.com"));
    const actor = actorForUser(kari!);
    const requests = await listRequests(actor, now);
    expect(requests.map((r) => `${r.kind}:${r.status}`)).toEqual([
      "rectification:in_progress",
      "rectification:completed",
    ]);
    const open = requests[0]!;
    // Received 31 January (Oslo), due 28 February, extended by one month to 31 March.
    expect(open).toMatchObject({
      dueOn: "2027-02-28",
      extendedDueOn: "2027-03-31",
      effectiveDueOn: "2027-03-31",
      overdue: false,
      extensionReason: expect.stringContaining("Vi sjekker ordren med lageret vårt"),
    });
    for (const request of requests) {
      const { history, status } = await getRequest(actor, request.id, now);
      expect(history[0]!.status).toBe("received");
      expect(history.filter((h) => h.status !== "extended").at(-1)!.status).toBe(status);
    }
  });
});
