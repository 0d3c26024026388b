import { describe, expect, it } from "vitest";
import { getDriver } from "./index";
import { runExclusively } from "./exclusive";

const LOCK = 724_9999;

describe("runExclusively", () => {
  it("skips while another caller holds the lock on PostgreSQL, and runs again once it is released", async () => {
    const postgres = (await getDriver()) === "postgres";
    let entered!: () => void;
    let release!: () => void;
    const inside = new Promise<void>((resolve) => (entered = resolve));
    const held = new Promise<void>((resolve) => (release = resolve));
    const first = runExclusively(LOCK, async () => {
      entered();
      await held;
    });
    await inside;

    let secondRan = false;
    const second = await runExclusively(LOCK, async () => {
      secondRan = true;
    });
    // PGlite has one process by construction: nothing to exclude.
    expect(second).toBe(!postgres);
    expect(secondRan).toBe(!postgres);

    release();
    expect(await first).toBe(true);
    expect(await runExclusively(LOCK, async () => {})).toBe(true);
  });

  it("releases the lock when the work fails", async () => {
    await expect(runExclusively(LOCK, () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await runExclusively(LOCK, async () => {})).toBe(true);
  });
});
