import "server-only";
import { randomUUID } from "node:crypto";
import type { Db } from "@/db";
import type { Job, JobKind } from "@/db/schema";
import { claimNextJob, completeJob, failJob, reportJobProgress } from "./queue";

export type JobContext = {
  db: Db;
  job: Job;
  workerId: string;
  /** Records progress and extends the lease; throws JobLeaseLostError when another worker took over. */
  reportProgress: (done: number, total?: number | null) => Promise<void>;
};
export type JobHandler = (context: JobContext) => Promise<void>;
export type JobHandlers = Partial<Record<JobKind, JobHandler>>;

export class JobLeaseLostError extends Error {
  constructor() {
    super("job lease lost");
    this.name = "JobLeaseLostError";
  }
}

export function newWorkerId(): string {
  return `${process.pid}-${randomUUID().slice(0, 8)}`;
}

/**
 * Claims and runs due jobs one at a time until none is due (or `maxJobs` ran). A handler
 * that throws has its job retried later; the error is logged by class name only.
 */
export async function runDueJobs(
  db: Db,
  handlers: JobHandlers,
  options: { workerId?: string; maxJobs?: number; leaseSeconds?: number } = {},
): Promise<number> {
  const workerId = options.workerId ?? newWorkerId();
  const kinds = Object.keys(handlers) as JobKind[];
  let ran = 0;
  while (ran < (options.maxJobs ?? Number.POSITIVE_INFINITY)) {
    const job = await claimNextJob(db, { workerId, kinds, leaseSeconds: options.leaseSeconds });
    if (!job) break;
    ran += 1;
    const handler = handlers[job.kind]!;
    const reportProgress = async (done: number, total?: number | null) => {
      const held = await reportJobProgress(db, {
        jobId: job.id,
        workerId,
        done,
        total,
        leaseSeconds: options.leaseSeconds,
      });
      if (!held) throw new JobLeaseLostError();
    };
    try {
      await handler({ db, job, workerId, reportProgress });
      await completeJob(db, { jobId: job.id, workerId });
    } catch (error) {
      const name = error instanceof Error ? error.name : "unknown";
      if (error instanceof JobLeaseLostError) {
        console.warn(`[tillit] job ${job.id} (${job.kind}) lost its lease; another worker has it`);
        continue;
      }
      const outcome = await failJob(db, { jobId: job.id, workerId, errorName: name });
      console.error(`[tillit] job ${job.id} (${job.kind}) failed: ${name}; ${outcome}`);
    }
  }
  return ran;
}

/**
 * Polls for due jobs inside the app process (no extra server). One job at a time per
 * process; several processes share the queue through SKIP LOCKED.
 */
export function startJobRunner(options: { getDb: () => Promise<Db>; handlers: JobHandlers; intervalMs: number }) {
  const workerId = newWorkerId();
  let running = false;
  let stopped = false;
  const tick = async () => {
    if (running || stopped) return;
    running = true;
    try {
      await runDueJobs(await options.getDb(), options.handlers, { workerId });
    } catch (error) {
      console.error(`[tillit] job runner failed: ${error instanceof Error ? error.name : "unknown"}`);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), options.intervalMs);
  timer.unref();
  void tick();
  return {
    workerId,
    /** Runs a poll now (e.g. right after a job was queued). */
    poke: () => void tick(),
    stop: () => {
      stopped = true;
      clearInterval(timer);
    },
  };
}
