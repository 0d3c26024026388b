import type { MessagePath } from "@/lib/i18n/pick-messages";

/** What CategoryCards reads. */
export const categoryCardsMessages = ["data.byChannel"] as const satisfies readonly MessagePath[];
