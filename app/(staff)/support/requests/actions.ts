"use server";

import { getTranslations } from "next-intl/server";
import type { FormAction } from "@/lib/actions/types";
import { defineAction } from "@/lib/define-action";
import { retryFailedJob } from "@/lib/jobs/failed-jobs";
import { assignRequestToMe } from "@/lib/requests/assign-request";
import { carryOutRectification } from "@/lib/requests/carry-out-rectification";
import { changeRequestStatus } from "@/lib/requests/change-request-status";
import { extendRequestDeadline } from "@/lib/requests/extend-request-deadline";
import type { StaffFormState } from "@/lib/requests/staff-form-state";
import {
  carryOutRectificationSchema,
  changeStatusSchema,
  extendDeadlineFormSchema,
  requestActionSchema,
  retryJobSchema,
} from "@/lib/requests/staff-request-schema";

// The request queue's forms. Each use case checks the agent itself and logs its look at
// the customer; these only parse, call, revalidate the queue and say what happened.
const queue = { path: "/support/requests", type: "layout" } as const;
const common = { area: "support", messages: "supportRequests", refusal: "fields", revalidate: queue } as const;

const saying = async (key: string) => ({ message: (await getTranslations("supportRequests"))(key) });

export const assignRequestAction: FormAction<StaffFormState> = defineAction({
  ...common,
  name: "assign request",
  schema: requestActionSchema,
  hiddenFields: { requestId: "notFound" },
  principal: "actor",
  run: assignRequestToMe,
  ok: () => saying("assign.done"),
});

export const changeRequestStatusAction: FormAction<StaffFormState> = defineAction({
  ...common,
  name: "change request status",
  schema: changeStatusSchema,
  hiddenFields: { requestId: "notFound" },
  keepValues: true,
  principal: "actor",
  run: changeRequestStatus,
  ok: () => saying("status.done"),
});

export const extendRequestDeadlineAction: FormAction<StaffFormState> = defineAction({
  ...common,
  name: "extend request deadline",
  schema: extendDeadlineFormSchema,
  hiddenFields: { requestId: "notFound" },
  keepValues: true,
  principal: "actor",
  run: extendRequestDeadline,
  ok: () => saying("extend.done"),
});

export const retryFailedJobAction: FormAction<StaffFormState> = defineAction({
  ...common,
  name: "retry failed job",
  schema: retryJobSchema,
  hiddenFields: { jobId: "notFound" },
  principal: "actor",
  run: retryFailedJob,
  ok: () => saying("failedJobs.retried"),
});

export const carryOutRectificationAction: FormAction<StaffFormState> = defineAction({
  ...common,
  name: "carry out rectification",
  schema: carryOutRectificationSchema,
  hiddenFields: { requestId: "notFound" },
  keepValues: true,
  principal: "actor",
  run: carryOutRectification,
  ok: () => saying("rectify.done"),
});
