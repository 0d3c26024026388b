"use server";

import { defineAction } from "@/lib/define-action";
import type { FormAction } from "@/lib/actions/types";
import {
  changesFromForm,
  channelFormSchema,
  preferencesFormSchema,
  type ChannelPreferenceState,
  type SavePreferencesState,
} from "@/lib/preferences/preferences-schema";
import { setChannelForAllTopics } from "@/lib/preferences/set-channel-for-all-topics";
import { setCommunicationPreferences } from "@/lib/preferences/set-communication-preferences";

// A refused grid is refused as a whole, with the reason from `preferences.errors`; the pages
// change only when a choice did.
const grid = {
  messages: "preferences",
  refusal: "form",
  revalidate: { path: "/account", type: "layout", when: ({ changed }: { changed: unknown[] }) => changed.length > 0 },
} as const;

export const savePreferencesAction: FormAction<SavePreferencesState> = defineAction({
  ...grid,
  name: "save preferences",
  schema: preferencesFormSchema,
  principal: "actor",
  run: (actor, form) => setCommunicationPreferences(actor, changesFromForm(form)),
  ok: ({ changed }) => ({ changed }),
});

export const setChannelAction: FormAction<ChannelPreferenceState> = defineAction({
  ...grid,
  name: "set channel for all topics",
  schema: channelFormSchema,
  principal: "actor",
  run: setChannelForAllTopics,
  ok: ({ changed }, { channel, allowed }) => ({ channel, allowed, changed: changed.length }),
});
