import "server-only";
import type { Db } from "@/db";
import { registerWebhookWake } from "@/lib/outbox/enqueue-webhook-event";
import { runDueWebhooks } from "./deliver-webhooks";

type Worker = { wake: () => void; stop: () => void };
const holder = globalThis as typeof globalThis & { __tillitWebhookWorker?: Worker };

/**
 * Delivers webhooks from inside the app process: polls every second, and is woken right
 * after a change enqueued one. One round at a time per process; processes share the
 * outbox through SKIP LOCKED and leases.
 */
export function startWebhookWorker(options: { getDb: () => Promise<Db>; intervalMs?: number }): Worker {
  let running = false;
  let again = false;
  let stopped = false;
  const tick = async () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      do {
        again = false;
        await runDueWebhooks(await options.getDb());
      } while (again && !stopped);
    } catch (error) {
      console.error(`[tillit] webhook delivery failed: ${error instanceof Error ? error.name : "unknown"}`);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), options.intervalMs ?? 1_000);
  timer.unref();
  void tick();
  return {
    wake: () => void tick(),
    stop: () => {
      stopped = true;
      clearInterval(timer);
    },
  };
}

/** Starts this process's webhook delivery once (from start-up). */
export function startAppWebhookWorker(getDb: () => Promise<Db>): void {
  if (holder.__tillitWebhookWorker) return;
  const worker = startWebhookWorker({ getDb });
  holder.__tillitWebhookWorker = worker;
  registerWebhookWake(worker.wake);
}

export function stopAppWebhookWorker(): void {
  holder.__tillitWebhookWorker?.stop();
  delete holder.__tillitWebhookWorker;
  registerWebhookWake(undefined);
}
