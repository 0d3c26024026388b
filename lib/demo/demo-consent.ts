import "server-only";
import { sql } from "drizzle-orm";
import type { Executor } from "@/db";
import { consentEvents, consentStates, type ConsentAction, type Purpose } from "@/db/schema";

const DAY = 24 * 60 * 60 * 1000;

export type DemoConsent = {
  customerId: string;
  purpose: Pick<Purpose, "key" | "version" | "texts"> & { consentLifetimeDays?: number | null };
  action: Extract<ConsentAction, "granted" | "withdrawn" | "objected">;
  at: Date;
  channel: "web" | "app" | "store";
  locale: "nb" | "en";
};

/**
 * Writes demo consent choices as the consent writer would: each event, then the state set
 * from it. Choices are written in rounds (every pair's first choice, then every second
 * one…), a batch per round, so the rollup triggers see each change in order.
 */
export async function recordDemoConsents(tx: Executor, choices: DemoConsent[]): Promise<void> {
  const byPair = new Map<string, DemoConsent[]>();
  for (const choice of [...choices].sort((a, b) => a.at.getTime() - b.at.getTime())) {
    const pair = `${choice.customerId}:${choice.purpose.key}`;
    byPair.set(pair, [...(byPair.get(pair) ?? []), choice]);
  }
  for (let round = 0; ; round++) {
    const batch = [...byPair.values()].flatMap((list) => list.slice(round, round + 1));
    if (batch.length === 0) return;
    const rows = batch.map((c) => {
      const lifetime = c.purpose.consentLifetimeDays;
      return {
        customerId: c.customerId,
        purposeKey: c.purpose.key,
        purposeVersion: c.purpose.version,
        action: c.action,
        occurredAt: c.at,
        sourceChannel: c.channel,
        userAgent: c.channel === "app" ? "TillitShop/5.2 (iPhone; iOS 18.1)" : null,
        locale: c.locale,
        shownText: c.purpose.texts[c.locale],
        expiresAt: c.action === "granted" && lifetime ? new Date(c.at.getTime() + lifetime * DAY) : null,
      };
    });
    const events = await tx.insert(consentEvents).values(rows).returning({ id: consentEvents.id });
    await tx
      .insert(consentStates)
      .values(
        rows.map((row, i) => ({
          customerId: row.customerId,
          purposeKey: row.purposeKey,
          purposeVersion: row.purposeVersion,
          granted: row.action === "granted",
          lastAction: row.action,
          expiresAt: row.expiresAt,
          lastEventId: events[i]!.id,
          updatedAt: row.occurredAt,
        })),
      )
      .onConflictDoUpdate({
        target: [consentStates.customerId, consentStates.purposeKey],
        set: {
          purposeVersion: sql`excluded.purpose_version`,
          granted: sql`excluded.granted`,
          lastAction: sql`excluded.last_action`,
          expiresAt: sql`excluded.expires_at`,
          lastEventId: sql`excluded.last_event_id`,
          updatedAt: sql`excluded.updated_at`,
        },
      });
  }
}
