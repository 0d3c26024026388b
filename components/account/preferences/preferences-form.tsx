"use client";

import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { Button } from "@/components/ui/button";
import { receivingLine } from "./receiving-line";
import type { FormAction } from "@/lib/actions/types";
import type {
  ChannelSummaryDto,
  PreferenceCellDto,
  PreferenceTopicDto,
} from "@/lib/preferences/get-communication-preferences";
import type { ChannelPreferenceState, SavePreferencesState } from "@/lib/preferences/preferences-schema";

// Whole class names, so Tailwind generates them (the CSP allows no inline styles).
const gridColumns = [
  "",
  "md:grid-cols-[minmax(9rem,1.2fr)_repeat(1,minmax(0,1fr))]",
  "md:grid-cols-[minmax(9rem,1.2fr)_repeat(2,minmax(0,1fr))]",
  "md:grid-cols-[minmax(9rem,1.2fr)_repeat(3,minmax(0,1fr))]",
  "md:grid-cols-[minmax(9rem,1.2fr)_repeat(4,minmax(0,1fr))]",
];

const ERROR_ID = { channel: "channel-preferences-error", save: "save-preferences-error" } as const;

// Real forms posting to the server actions, so both the per-channel buttons and the
// grid work before JavaScript has loaded.
export function PreferencesForm(props: {
  topics: PreferenceTopicDto[];
  channels: ChannelSummaryDto[];
  save: FormAction<SavePreferencesState>;
  setChannel: FormAction<ChannelPreferenceState>;
}) {
  const t = useTranslations("preferences");
  const format = useFormatter();
  const [saved, saveAction, saving] = useActionState<SavePreferencesState, FormData>(props.save, null);
  const [channelResult, channelAction, settingChannel] = useActionState<ChannelPreferenceState, FormData>(
    props.setChannel,
    null,
  );
  // Only the latest answer is shown, so an older one cannot contradict the page.
  const [submitted, setLatest] = useState<"save" | "channel">("save");
  // Without JavaScript no submit handler runs, but then only the posted form has an answer.
  const latest = saved && channelResult ? submitted : channelResult ? "channel" : "save";
  const pending = saving || settingChannel;
  const preventWhilePending = (event: { preventDefault: () => void }) => {
    if (pending) event.preventDefault();
  };

  const channelName = (channel: string) => t(`channel.${channel}`);
  const topicName = (key: string) => props.topics.find((topic) => topic.key === key)?.name ?? key;
  const channelError = latest === "channel" && channelResult && !channelResult.ok ? channelResult.message : null;
  const saveError = latest === "save" && saved && !saved.ok ? saved.message : null;
  const channelStatus =
    latest === "channel" && channelResult?.ok
      ? t(channelResult.allowed ? "channelOnDone" : "channelOffDone", {
          channel: channelName(channelResult.channel),
          count: channelResult.changed,
        })
      : "";
  const saveStatus =
    latest === "save" && saved?.ok
      ? saved.changed.length === 0
        ? t("savedNothing")
        : t("saved", {
            changes: format.list(
              saved.changed.map((c) =>
                t(c.allowed ? "savedOn" : "savedOff", {
                  channel: channelName(c.channel),
                  topic: topicName(c.topic),
                }),
              ),
            ),
          })
      : "";
  // Remounts the checkboxes whenever the saved choices change (after either action), so
  // each shows what is stored rather than what was last clicked.
  const savedChoices = props.topics.flatMap((topic) =>
    topic.cells.map((c) => `${c.channel}:${topic.key}:${c.chosen}:${c.contactable}`),
  );
  const columns = props.channels.map((c) => c.channel);

  return (
    <div className="space-y-10">
      <section aria-labelledby="quick-heading" className="space-y-4">
        <h2 id="quick-heading" className="text-2xl font-semibold">
          {t("quickHeading")}
        </h2>
        <p className="max-w-2xl">{t("quickIntro")}</p>
        <ul className="grid gap-3 sm:grid-cols-2">
          {props.channels.map((summary) => {
            const allOff = summary.chosen === 0;
            const descriptionId = `channel-${summary.channel}-summary`;
            const inSentence = t(`channelInSentence.${summary.channel}`);
            return (
              <li key={summary.channel} className="card">
                <form action={channelAction} onSubmit={() => setLatest("channel")} className="space-y-2">
                  <input type="hidden" name="channel" value={summary.channel} />
                  <input type="hidden" name="allowed" value={String(allOff)} />
                  <p id={descriptionId}>
                    {receivingLine(t, summary)}
                    {summary.held > 0 ? ` ${t("heldChosen", { inSentence, count: summary.held })}` : null}
                  </p>
                  <Button
                    type="submit"
                    variant="secondary"
                    aria-describedby={channelError ? `${descriptionId} ${ERROR_ID.channel}` : descriptionId}
                    aria-busy={settingChannel || undefined}
                    onClick={preventWhilePending}
                  >
                    {t(allOff ? `allowAgain.${summary.channel}` : `nothingBy.${summary.channel}`)}
                  </Button>
                </form>
              </li>
            );
          })}
        </ul>
        <p role="status" className="font-medium">
          {channelStatus}
        </p>
        {channelError ? (
          <p id={ERROR_ID.channel} role="alert" className="text-red-800">
            {channelError}
          </p>
        ) : null}
      </section>

      <section aria-labelledby="grid-heading" className="space-y-4">
        <h2 id="grid-heading" className="text-2xl font-semibold">
          {t("gridHeading")}
        </h2>
        <p className="max-w-2xl">{t("gridIntro")}</p>
        <p className="max-w-2xl">{t("tickExplained")}</p>
        <form action={saveAction} onSubmit={() => setLatest("save")} className="space-y-4">
          <div
            key={savedChoices.join()}
            className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white"
          >
            {props.topics.map((topic) => (
              <TopicChoices
                key={topic.key}
                topic={topic}
                columns={columns}
                describedBy={saveError ? ERROR_ID.save : undefined}
              />
            ))}
          </div>
          <Button
            type="submit"
            aria-describedby={saveError ? ERROR_ID.save : undefined}
            aria-busy={saving || undefined}
            onClick={preventWhilePending}
          >
            {saving ? t("saving") : t("save")}
          </Button>
          <p role="status" className="font-medium">
            {saveStatus}
          </p>
          {saveError ? (
            <p id={ERROR_ID.save} role="alert" className="text-red-800">
              {saveError}
            </p>
          ) : null}
        </form>
      </section>
    </div>
  );
}

/** One topic: a group of checkboxes, one per channel it uses; columns line up from `md` up. */
function TopicChoices(props: { topic: PreferenceTopicDto; columns: string[]; describedBy?: string }) {
  const t = useTranslations("preferences");
  const { topic } = props;
  const nameId = `topic-${topic.key}-name`;
  return (
    <fieldset
      aria-labelledby={nameId}
      aria-describedby={props.describedBy}
      className={`grid min-w-0 gap-3 p-4 md:gap-4 ${gridColumns[props.columns.length] ?? ""}`}
    >
      <h3 id={nameId} className="font-semibold break-words">
        {topic.name}
      </h3>
      {props.columns.map((channel) => {
        const cell = topic.cells.find((c) => c.channel === channel);
        if (!cell) {
          return (
            <p key={channel} className="hidden text-slate-600 md:block">
              <span aria-hidden="true">—</span>
              <span className="sr-only">{t("notUsed", { channel: t(`channelInSentence.${channel}`) })}</span>
            </p>
          );
        }
        const ref = `${cell.channel}:${topic.key}`;
        const inputId = `pref-${cell.channel}-${topic.key}`;
        const stateId = `${inputId}-state`;
        const held = cell.heldBy !== null;
        return (
          <div key={channel} className="flex min-w-0 items-start gap-2">
            {/* A held box is not posted: saving the grid leaves the kept choice as it is. */}
            {held ? null : <input type="hidden" name="cell" value={ref} />}
            <input
              type="checkbox"
              id={inputId}
              name={held ? undefined : "allowed"}
              value={ref}
              // The tick says what the customer gets, so a held channel is never ticked.
              defaultChecked={cell.contactable}
              disabled={held}
              aria-label={t("cellLabel", { channel: t(`channel.${cell.channel}`), topic: topic.name })}
              aria-describedby={stateId}
              className="mt-0.5 size-6 shrink-0 accent-brand-700"
            />
            <div className="min-w-0">
              <label htmlFor={inputId} className="font-medium">
                {t(`channel.${cell.channel}`)}
              </label>
              <p id={stateId} className={`text-sm break-words ${cell.contactable ? "" : "text-slate-700"}`}>
                {held ? <HeldCell cell={cell} topic={topic} /> : t(cell.contactable ? "state.on" : "state.preference")}
              </p>
            </div>
          </div>
        );
      })}
    </fieldset>
  );
}

/** Why a channel is off besides the customer's own choice, the one step that lifts it, and the kept choice. */
function HeldCell({ cell, topic }: { cell: PreferenceCellDto; topic: PreferenceTopicDto }) {
  const t = useTranslations("preferences");
  const inSentence = t(`channelInSentence.${cell.channel}`);
  const version = cell.turnOn?.action === "agree_to_version" ? cell.turnOn.version : 0;
  const values = { purpose: topic.name, channel: inSentence, version };
  // A version waiting for an answer is answered on the purpose's own page, beside what it changes.
  const href =
    cell.turnOn?.action === "lift_restriction"
      ? "/account/requests"
      : cell.turnOn?.action === "agree_to_version"
        ? `/account/purposes/${topic.key}`
        : `/account/purposes#purpose-${topic.key}`;
  return (
    <>
      {t(`held.${cell.heldBy!}`, values)}{" "}
      {cell.turnOn ? (
        <>
          <Link href={href} className="text-brand-900 underline">
            {t(`turnOn.${cell.turnOn.action}`, values)}
          </Link>
          {". "}
        </>
      ) : null}
      {t(cell.chosen ? "keptChoice.on" : "keptChoice.off", { channel: inSentence })}
    </>
  );
}
