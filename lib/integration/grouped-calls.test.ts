import { describe, expect, it, onTestFinished, vi } from "vitest";
import { groupedCalls } from "./grouped-calls";

type Call = { key: string; item: string };

/** A grouper whose statements finish only when the test says so. */
function controlled(options: { inFlight: number; maxGroup: number; maxInFlight?: number; slowAfterMs?: number }) {
  const runs: { calls: Call[]; finish: (answers?: string[]) => void; fail: (error: Error) => void }[] = [];
  const grouper = groupedCalls<Call, string>({
    maxInFlight: 100,
    slowAfterMs: 60_000,
    ...options,
    keyOf: (call) => call.key,
    itemOf: (call) => call.item,
    run: (calls) =>
      new Promise<string[]>((resolve, reject) => {
        runs.push({
          calls,
          finish: (answers) => resolve(answers ?? calls.map((call) => `${call.key}:${call.item}`)),
          fail: reject,
        });
      }),
  });
  return { grouper, runs };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe("grouped calls (group commit)", () => {
  it("runs an unhurried call alone at once, and answers it", async () => {
    const { grouper, runs } = controlled({ inFlight: 2, maxGroup: 10 });
    const answer = grouper.call({ key: "k", item: "a" });
    await settle();
    expect(runs.map((run) => run.calls)).toEqual([[{ key: "k", item: "a" }]]);
    runs[0]!.finish();
    await expect(answer).resolves.toBe("k:a");
    expect(grouper.load).toEqual({ running: 0, waiting: 0 });
  });

  it("keeps at most inFlight statements running per key and answers each key's waiting calls together", async () => {
    const { grouper, runs } = controlled({ inFlight: 1, maxGroup: 10 });
    const answers = [
      ["k", "a"],
      ["k", "b"],
      ["k", "c"],
      ["other", "d"],
      ["k", "e"],
      ["other", "f"],
    ].map(([key, item]) => grouper.call({ key: key!, item: item! }));
    await settle();
    // Another key is not held up by this one's statements.
    expect(runs.map((run) => run.calls.map((call) => call.item))).toEqual([["a"], ["d"]]);
    expect(grouper.load).toEqual({ running: 2, waiting: 4 });

    runs[0]!.finish();
    await settle();
    expect(runs[2]!.calls.map((call) => call.item)).toEqual(["b", "c", "e"]);
    runs[1]!.finish();
    await settle();
    expect(runs[3]!.calls.map((call) => call.item)).toEqual(["f"]);
    runs[2]!.finish();
    runs[3]!.finish();
    await expect(Promise.all(answers)).resolves.toEqual(["k:a", "k:b", "k:c", "other:d", "k:e", "other:f"]);
  });

  it("keeps to maxInFlight over all keys, the oldest waiting call's key first", async () => {
    const { grouper, runs } = controlled({ inFlight: 2, maxInFlight: 2, maxGroup: 10 });
    const answers = [
      ["k", "a"],
      ["k", "b"],
      ["other", "c"],
      ["k", "d"],
    ].map(([key, item]) => grouper.call({ key: key!, item: item! }));
    await settle();
    expect(runs.map((run) => run.calls.map((call) => call.item))).toEqual([["a"], ["b"]]);
    runs[0]!.finish();
    await settle();
    expect(runs[2]!.calls.map((call) => call.item)).toEqual(["c"]);
    expect(grouper.load).toEqual({ running: 2, waiting: 1 });
    runs[1]!.finish();
    await settle();
    expect(runs[3]!.calls.map((call) => call.item)).toEqual(["d"]);
    runs[2]!.finish();
    runs[3]!.finish();
    await expect(Promise.all(answers)).resolves.toHaveLength(4);
  });

  it("stops counting a slow statement, so that the calls behind it go on", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    onTestFinished(() => {
      vi.useRealTimers();
    });
    const { grouper, runs } = controlled({ inFlight: 1, maxGroup: 10, slowAfterMs: 50 });
    const stuck = grouper.call({ key: "k", item: "locked" });
    await settle();
    const behind = grouper.call({ key: "k", item: "b" });
    await settle();
    vi.advanceTimersByTime(49);
    await settle();
    expect(runs).toHaveLength(1);
    vi.advanceTimersByTime(1);
    await settle();
    expect(runs.map((run) => run.calls.map((call) => call.item))).toEqual([["locked"], ["b"]]);
    expect(grouper.load).toEqual({ running: 1, waiting: 0 });
    runs[1]!.finish();
    await expect(behind).resolves.toBe("k:b");
    runs[0]!.finish();
    await expect(stuck).resolves.toBe("k:locked");
    expect(grouper.load).toEqual({ running: 0, waiting: 0 });
  });

  it("never puts the same item twice in one statement, and caps a statement's calls", async () => {
    const { grouper, runs } = controlled({ inFlight: 1, maxGroup: 3 });
    const calls = ["first", "a", "a", "b", "c", "d", "a"].map((item) => grouper.call({ key: "k", item }));
    await settle();
    runs[0]!.finish();
    await settle();
    expect(runs[1]!.calls.map((call) => call.item)).toEqual(["a", "b", "c"]);
    runs[1]!.finish();
    await settle();
    expect(runs[2]!.calls.map((call) => call.item)).toEqual(["a", "d"]);
    runs[2]!.finish();
    await settle();
    expect(runs[3]!.calls.map((call) => call.item)).toEqual(["a"]);
    runs[3]!.finish();
    await expect(Promise.all(calls)).resolves.toHaveLength(7);
  });

  it("fails every call a failed statement served, and goes on with the next", async () => {
    const { grouper, runs } = controlled({ inFlight: 1, maxGroup: 10 });
    const first = grouper.call({ key: "k", item: "a" });
    const second = grouper.call({ key: "k", item: "b" });
    const third = grouper.call({ key: "k", item: "c" });
    const later = grouper.call({ key: "k", item: "b" });
    await settle();
    runs[0]!.finish();
    await settle();
    runs[1]!.fail(new Error("connection lost"));
    await expect(second).rejects.toThrow("connection lost");
    await expect(third).rejects.toThrow("connection lost");
    await settle();
    runs[2]!.finish();
    await expect(first).resolves.toBe("k:a");
    await expect(later).resolves.toBe("k:b");
  });

  it("fails a statement's calls if it does not answer each of them", async () => {
    const { grouper, runs } = controlled({ inFlight: 1, maxGroup: 10 });
    const calls = [grouper.call({ key: "k", item: "a" }), grouper.call({ key: "k", item: "b" })];
    await settle();
    runs[0]!.finish(["k:a", "extra"]);
    await expect(calls[0]).rejects.toThrow("one answer per call");
    await settle();
    runs[1]!.finish([]);
    await expect(calls[1]).rejects.toThrow("one answer per call");
    expect(grouper.load).toEqual({ running: 0, waiting: 0 });
  });

  it("fails the calls of a statement that throws before it starts", async () => {
    const grouper = groupedCalls<Call, string>({
      inFlight: 1,
      maxInFlight: 1,
      maxGroup: 10,
      slowAfterMs: 60_000,
      keyOf: (call) => call.key,
      itemOf: (call) => call.item,
      run: () => {
        throw new Error("no database");
      },
    });
    await expect(grouper.call({ key: "k", item: "a" })).rejects.toThrow("no database");
    expect(grouper.load).toEqual({ running: 0, waiting: 0 });
  });
});
