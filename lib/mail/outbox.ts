import "server-only";

// Local demo mode only (no EMAIL_SERVER): the sign-in links that would have been
// mailed, kept in this process's memory for the /dev/outbox page. Never persisted.
export type OutboxMessage = { id: string; to: string; subject: string; url: string; sentAt: Date; expiresAt: Date };

const store = globalThis as unknown as { __tillitOutbox?: OutboxMessage[] };
const MAX_MESSAGES = 50;

export function addToOutbox(message: Omit<OutboxMessage, "id" | "sentAt">): void {
  const list = (store.__tillitOutbox ??= []);
  list.unshift({ ...message, id: crypto.randomUUID(), sentAt: new Date() });
  list.length = Math.min(list.length, MAX_MESSAGES);
}

export function listOutbox(now = new Date()): OutboxMessage[] {
  return (store.__tillitOutbox ?? []).filter((m) => m.expiresAt > now);
}

/** Forgets every message to this address (after the account was erased). */
export function removeFromOutbox(address: string): void {
  const list = store.__tillitOutbox;
  if (!list) return;
  const keep = list.filter((m) => m.to.toLowerCase() !== address.toLowerCase());
  list.splice(0, list.length, ...keep);
}
