import "server-only";
import { runExportJob } from "@/lib/export/run-export-job";
import type { JobHandlers } from "./runner";

// Every job kind the app runs, and the function that runs it.
export const jobHandlers: JobHandlers = {
  export: runExportJob,
};
