import "server-only";
import type { JobHandlers } from "./runner";

// Every job kind the app runs, and the function that runs it.
export const jobHandlers: JobHandlers = {};
