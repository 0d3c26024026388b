import type { purposes } from "@/db/schema";
export type NewPurpose = Omit<typeof purposes.$inferInsert, "status" | "publishedAt" | "createdAt">;
