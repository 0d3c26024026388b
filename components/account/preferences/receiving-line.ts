import type { ChannelSummaryDto } from "@/lib/preferences/get-communication-preferences";

type Translate = (key: string, values?: Record<string, string | number>) => string;

/**
 * What the customer gets by one channel, from the one count of what they will receive.
 * The account home and the preferences page both say it with this, so they cannot differ.
 */
export function receivingLine(t: Translate, summary: Pick<ChannelSummaryDto, "channel" | "topics" | "contactable">) {
  return t("receiving", {
    channel: t(`channel.${summary.channel}`),
    inSentence: t(`channelInSentence.${summary.channel}`),
    count: summary.contactable,
    topics: summary.topics,
  });
}
