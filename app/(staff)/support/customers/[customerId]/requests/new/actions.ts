"use server";

import type { FormAction } from "@/lib/actions/types";
import { defineAction } from "@/lib/define-action";
import { fileRequestForCustomer } from "@/lib/requests/file-request-for-customer";
import type { StaffFormState } from "@/lib/requests/staff-form-state";
import { fileForCustomerSchema } from "@/lib/requests/staff-request-schema";

export const fileRequestForCustomerAction: FormAction<StaffFormState> = defineAction({
  name: "file request for customer",
  area: "support",
  schema: fileForCustomerSchema,
  messages: "supportRequests",
  refusal: "fields",
  hiddenFields: { customerId: "notFound" },
  keepValues: true,
  principal: "actor",
  run: fileRequestForCustomer,
  revalidate: { path: "/support/requests", type: "layout" },
  redirect: ({ requestId }) => `/support/requests/${requestId}?filed=1`,
});
