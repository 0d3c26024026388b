import "server-only";
import { runErasureJob } from "@/lib/erasure/run-erasure-job";
import { runExportJob } from "@/lib/export/run-export-job";
import type { JobHandlers } from "./runner";

// Every job kind the app runs, and the function that runs it.
export const jobHandlers: JobHandlers = {
  erasure: (context) => runErasureJob(context),
  export: runExportJob,
};
