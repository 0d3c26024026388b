import type { purposes } from "./schema";
export type NewPurpose = Omit<typeof purposes.$inferInsert, "status" | "publishedAt" | "createdAt">;
