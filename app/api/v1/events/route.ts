import { defineApiRoute, methodNotAllowed } from "@/lib/define-api-route";
import { operations } from "@/lib/integration/api-operations";
import { collectEvents } from "@/lib/integration/collect-events";

export const POST = defineApiRoute(operations.collectEvents, async (client, { body }) => ({
  body: await collectEvents(client, { events: body.events }),
}));

export const GET = methodNotAllowed("POST");
export const PUT = GET;
export const PATCH = GET;
export const DELETE = GET;
