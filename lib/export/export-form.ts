import { z } from "zod";
import type { ActionFailure } from "@/lib/actions/types";
import type { ExportMode } from "./export-policy";

// Shared by the export actions and their forms. Neither form carries anything: the
// customer is the session's, the locale the request's.
export const startExportSchema = z.strictObject({});
export const sendExportSignInLinkSchema = z.strictObject({});

/** `reauth`: the start was refused for want of a recent sign-in; the form offers a fresh link. */
export type StartExportState = { ok: true; mode: ExportMode } | (ActionFailure & { reauth?: boolean }) | null;
export type SendExportSignInLinkState = { ok: true } | ActionFailure | null;
