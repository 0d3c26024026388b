"use server";

import { getFormatter, getTranslations } from "next-intl/server";
import type { FormAction } from "@/lib/actions/types";
import { defineAction } from "@/lib/define-action";
import {
  createApiClientSchema,
  revokeApiClientFormSchema,
  rotateApiClientTokenSchema,
  type ApiClientFormState,
} from "@/lib/integration/api-client-schema";
import { createApiClient, revokeApiClient, rotateApiClientToken } from "@/lib/integration/api-clients";

// A new token goes back once, in the action's result (the form's client state): never into
// a URL, a page or a log, so a reload does not show it again.

const revalidate = { path: "/studio/integrations", type: "layout" } as const;

export const createApiClientAction: FormAction<ApiClientFormState> = defineAction({
  name: "create API client",
  area: "studio",
  schema: createApiClientSchema,
  messages: "studio.integrations",
  keepValues: true,
  principal: "actor",
  run: createApiClient,
  revalidate,
  ok: async ({ clientId, token }, { name }) => ({
    message: (await getTranslations("studio.integrations"))("created", { name }),
    clientId,
    name,
    token,
  }),
});

export const rotateApiClientTokenAction: FormAction<ApiClientFormState> = defineAction({
  name: "rotate API client token",
  area: "studio",
  schema: rotateApiClientTokenSchema,
  messages: "studio.integrations",
  hiddenFields: { clientId: "clientNotFound" },
  principal: "actor",
  run: rotateApiClientToken,
  revalidate,
  ok: async ({ token, oldTokensEndAt }) => {
    const [t, format] = await Promise.all([getTranslations("studio.integrations"), getFormatter()]);
    return {
      message: t("rotated", { date: format.dateTime(oldTokensEndAt, { dateStyle: "long", timeStyle: "short" }) }),
      token,
    };
  },
});

export const revokeApiClientAction: FormAction<ApiClientFormState> = defineAction({
  name: "revoke API client",
  area: "studio",
  schema: revokeApiClientFormSchema,
  messages: "studio.integrations",
  hiddenFields: { clientId: "clientNotFound" },
  principal: "actor",
  run: (actor, { clientId }) => revokeApiClient(actor, { clientId }),
  revalidate,
  ok: async () => ({ message: (await getTranslations("studio.integrations"))("revokedDone") }),
});
