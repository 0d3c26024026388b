import { defineApiRoute, methodNotAllowed } from "@/lib/define-api-route";
import { operations } from "@/lib/integration/api-operations";
import { checkConsent } from "@/lib/integration/check-consent";
import { consentDecisionJson } from "@/lib/integration/consent-check-dto";
import { parseCustomerReference } from "@/lib/integration/customer-reference";

export const GET = defineApiRoute(operations.checkConsent, async (client, { params, query }) => {
  const check = await checkConsent(client, {
    purposeKey: params.purpose,
    channel: query.channel,
    references: [parseCustomerReference(params.customer)!],
    mode: "one",
  });
  return { body: consentDecisionJson(check, check.results[0]!) };
});

export const POST = methodNotAllowed("GET");
export const PUT = POST;
export const PATCH = POST;
export const DELETE = POST;
