import { defineApiRoute, methodNotAllowed } from "@/lib/define-api-route";
import { operations } from "@/lib/integration/api-operations";
import { checkConsent } from "@/lib/integration/check-consent";
import { bulkCheckJson } from "@/lib/integration/consent-check-dto";
import { parseCustomerReference } from "@/lib/integration/customer-reference";

export const POST = defineApiRoute(operations.checkConsentBulk, async (client, { body }) => {
  const check = await checkConsent(client, {
    purposeKey: body.purpose,
    channel: body.channel,
    references: body.customers.map((given) => parseCustomerReference(given)!),
    mode: "bulk",
  });
  return { body: bulkCheckJson(check) };
});

export const GET = methodNotAllowed("POST");
export const PUT = GET;
export const PATCH = GET;
export const DELETE = GET;
