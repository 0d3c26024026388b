"use server";

import { defineAction } from "@/lib/define-action";
import type { FormAction } from "@/lib/actions/types";
import { webRequestSource } from "@/lib/request-source";
import {
  answerFiledRequestSchema,
  confirmFiledRestriction,
  declineFiledRequest,
  declineFiledRequestSchema,
} from "@/lib/requests/answer-filed-request";
import { objectToProcessing } from "@/lib/requests/object-to-processing";
import { requestRectification } from "@/lib/requests/request-rectification";
import {
  liftRestrictionSchema,
  objectionSchema,
  rectificationSchema,
  restrictionSchema,
  type LiftRestrictionState,
  type RequestFormState,
} from "@/lib/requests/request-schema";
import { liftRestriction, restrictProcessing } from "@/lib/requests/restrict-processing";

// Field errors in this area's own words (requests.fieldErrors), each under its field only: the
// summary above the button says that something needs fixing, not the same sentence again. A
// refused form keeps what was typed. Consent state and requests show on every account page.
const requestForm = {
  messages: "requests",
  refusal: "fields",
  keepValues: true,
  revalidate: { path: "/account", type: "layout" },
} as const;
const filed = ({ requestId }: { requestId: string }) => `/account/requests/${requestId}?filed=1`;

export const restrictProcessingAction: FormAction<RequestFormState> = defineAction({
  ...requestForm,
  name: "restrict processing",
  schema: restrictionSchema,
  principal: "actor",
  run: restrictProcessing,
  redirect: filed,
});

export const liftRestrictionAction: FormAction<LiftRestrictionState> = defineAction({
  ...requestForm,
  name: "lift restriction",
  schema: liftRestrictionSchema,
  principal: "actor",
  run: (actor, { requestId }) => liftRestriction(actor, requestId),
  // The page that showed the button now shows the lifted request, with the confirmation.
  redirect: (_, { requestId }) => `/account/requests/${requestId}?lifted=1`,
});

export const objectToProcessingAction: FormAction<RequestFormState> = defineAction({
  ...requestForm,
  name: "object to processing",
  schema: objectionSchema,
  principal: "actor",
  run: async (actor, input) => {
    const { userAgent, locale } = await webRequestSource();
    return objectToProcessing(actor, { ...input, source: { userAgent, locale } });
  },
  redirect: filed,
});

export const requestRectificationAction: FormAction<RequestFormState> = defineAction({
  ...requestForm,
  name: "request rectification",
  schema: rectificationSchema,
  principal: "actor",
  run: requestRectification,
  redirect: filed,
});

// The customer's answer to what customer service filed for them: the request's page shows the outcome.
const answered = ({ requestId }: { requestId: string }) => `/account/requests/${requestId}`;

export const confirmFiledRestrictionAction: FormAction<RequestFormState> = defineAction({
  ...requestForm,
  name: "confirm filed restriction",
  schema: answerFiledRequestSchema,
  hiddenFields: { requestId: "not_found" },
  principal: "actor",
  run: confirmFiledRestriction,
  redirect: answered,
});

export const declineFiledRequestAction: FormAction<RequestFormState> = defineAction({
  ...requestForm,
  name: "decline filed request",
  schema: declineFiledRequestSchema,
  hiddenFields: { requestId: "not_found" },
  principal: "actor",
  run: declineFiledRequest,
  redirect: answered,
});
