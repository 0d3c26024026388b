import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { fileOutbox } from "@/lib/mail/file-outbox";
import { addToOutbox, listOutbox, removeFromOutbox } from "@/lib/mail/outbox";
import { removeOutboxFiles } from "./after-erasure";

const dir = mkdtempSync(path.join(tmpdir(), "tillit-outbox-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it("deletes the local outbox mails to the erased address, and only those", async () => {
  const outbox = fileOutbox(dir);
  await outbox.sendMail({ to: "Kari Nordmann <kari@example.com>", from: "a@b.test", subject: "1", text: "x" });
  await outbox.sendMail({ to: "ola@example.com", from: "a@b.test", subject: "2", text: "x" });
  await outbox.sendMail({ to: "KARI@example.com", from: "a@b.test", subject: "3", text: "x" });
  expect(removeOutboxFiles(dir, "kari@example.com")).toBe(2);
  const left = readdirSync(dir);
  expect(left).toHaveLength(1);
  expect(readFileSync(path.join(dir, left[0]!), "utf8")).toContain("ola@example.com");
  expect(removeOutboxFiles(path.join(dir, "missing"), "kari@example.com")).toBe(0);

  const later = new Date(Date.now() + 60_000);
  addToOutbox({ to: "kari@example.com", subject: "s", url: "http://x", expiresAt: later });
  addToOutbox({ to: "ola@example.com", subject: "s", url: "http://y", expiresAt: later });
  removeFromOutbox("Kari@Example.com");
  expect(listOutbox().map((m) => m.to)).toEqual(["ola@example.com"]);
});
