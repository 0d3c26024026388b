import { eq, sql } from "drizzle-orm";
import type { Executor } from "@/db";
import { addresses, dataSubjectRequests, jobs, orders, sessions, signInEvents } from "@/db/schema";

const DAY = 24 * 60 * 60 * 1000;

/** Orders (one from 7 years ago, past its retention), an address, a session and a sign-in. */
export async function givenCustomerData(db: Executor, customerId: string, now = new Date()) {
  await db.insert(addresses).values({
    customerId,
    label: "home",
    line1: "Testveien 1",
    postcode: "0150",
    city: "Oslo",
    isPrimary: true,
  });
  await db.insert(orders).values(
    [10, 400, 7 * 365].map((daysAgo, i) => ({
      customerId,
      orderNumber: `T-${customerId.slice(0, 6)}-${i}`,
      placedAt: new Date(now.getTime() - daysAgo * DAY),
      status: "delivered" as const,
      channel: "web" as const,
      itemCount: 2,
      totalOre: 49_900 + i,
    })),
  );
  await db.insert(sessions).values({
    sessionToken: `s-${customerId}`,
    userId: customerId,
    expires: new Date(now.getTime() + DAY),
  });
  await db.insert(signInEvents).values({ userId: customerId, userAgent: "Test" });
}

/** Time travel: the grace period is over. */
export async function endGracePeriod(db: Executor, requestId: string) {
  await db
    .update(jobs)
    .set({ runAt: sql`now() - interval '1 minute'` })
    .where(eq(jobs.requestId, requestId));
  await db
    .update(dataSubjectRequests)
    .set({ scheduledFor: sql`now() - interval '1 minute'` })
    .where(eq(dataSubjectRequests.id, requestId));
}

/** Time travel: the worker's lease has run out (it died). */
export async function expireLeases(db: Executor) {
  await db
    .update(jobs)
    .set({ lockedUntil: sql`now() - interval '1 minute'` })
    .where(eq(jobs.status, "running"));
}
