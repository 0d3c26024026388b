// Test helper, run as a child process by kill-erasure.test.ts (tsx --conditions=react-server):
// claims the due erasure job and runs it, pausing inside its transaction after a few tables
// are deleted, so the test can kill -9 this process mid-erasure.
import { getDb } from "@/db";
import { runErasureJob } from "@/lib/erasure/run-erasure-job";
import { claimNextJob } from "@/lib/jobs/queue";

const PAUSE_AFTER_TABLES = Number(process.argv[2] ?? 3);

async function main() {
  const db = await getDb();
  const workerId = `paused-${process.pid}`;
  const job = await claimNextJob(db, { workerId, kinds: ["erasure"] });
  if (!job) {
    console.log("no job");
    process.exit(2);
  }
  let steps = 0;
  await runErasureJob(
    { db, job, workerId, reportProgress: async () => {} },
    {
      onStep: async ({ table }) => {
        steps++;
        if (steps < PAUSE_AFTER_TABLES) return;
        console.log(`paused after ${table}`);
        // Holds the transaction open until the test kills the process (the timer keeps
        // the process alive: a pending promise alone does not).
        setInterval(() => {}, 1000);
        await new Promise(() => {});
      },
    },
  );
  console.log("finished without pausing");
  process.exit(3);
}

void main();
