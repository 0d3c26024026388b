import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { en, nb } from "@/messages";

// The studio's audit page names each kind of entry in the reader's language; a raw code
// like `request.assigned` on a Norwegian page is a gap. Every action any use case appends
// must have its label in both catalogues.
const root = path.resolve(import.meta.dirname, "../..");

function appendedActions(): string[] {
  const found = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts")) {
        const source = readFileSync(full, "utf8");
        if (!source.includes("appendAuditEntry(")) continue;
        for (const match of source.matchAll(/action: "([a-z_]+\.[a-z_]+)"/g)) found.add(match[1]!);
      }
    }
  };
  walk(path.join(root, "lib"));
  return [...found].sort();
}

describe("audit entry labels", () => {
  it("exist in Norwegian and English for every action a use case appends", () => {
    const actions = appendedActions();
    expect(actions).toEqual(expect.arrayContaining(["purpose.published", "request.status_changed", "job.retried"]));
    for (const catalogue of [en, nb]) {
      const labels = catalogue.studio.audit.actions as Record<string, Record<string, string>>;
      for (const action of actions) {
        const [thing, verb] = action.split(".") as [string, string];
        expect(labels[thing]?.[verb], action).toEqual(expect.any(String));
      }
    }
  });
});
