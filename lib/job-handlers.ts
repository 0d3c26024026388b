import "server-only";
import { runErasureJob } from "@/lib/erasure/run-erasure-job";
import { runExportJob } from "@/lib/export/run-export-job";
import type { JobHandlers } from "@/lib/jobs/runner";

// Every job kind the app runs, and the function that runs it. Wired here, beside start-up,
// so that lib/jobs (which export and erasure use to queue their jobs) knows no feature.
export const jobHandlers: JobHandlers = {
  erasure: (context) => runErasureJob(context),
  export: runExportJob,
};
