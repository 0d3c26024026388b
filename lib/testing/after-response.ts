import { vi } from "vitest";

/**
 * Stands in for next/server's `after()` outside a request: runs the task at once and
 * lets the test wait for it. Use with vi.mock("next/server", afterResponseMock).
 */
export const afterTasks: Promise<unknown>[] = [];

export async function afterResponseMock(importOriginal: () => Promise<Record<string, unknown>>) {
  return {
    ...(await importOriginal()),
    after: vi.fn((task: () => unknown) => {
      afterTasks.push(Promise.resolve().then(task));
    }),
  };
}

export async function flushAfterTasks() {
  await Promise.all(afterTasks.splice(0));
}
