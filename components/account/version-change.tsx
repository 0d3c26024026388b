import { getFormatter, getTranslations } from "next-intl/server";
import type { FormAction } from "@/lib/actions/types";
import type { ConsentActionState } from "@/lib/consent/consent-schema";
import type { CustomerPurposeDto, VersionChangeDto } from "@/lib/consent/list-customer-purposes";
import type { PurposeChange } from "@/lib/purposes/purpose-changes";
import { lifetimeMonths, ReconsentForm } from "./consent-prompt-forms";

type Pending = CustomerPurposeDto & { versionChange: VersionChangeDto };

export function isPending(purpose: CustomerPurposeDto): purpose is Pending {
  return purpose.switchable && purpose.versionChange !== null;
}

export const versionChangeId = (key: string) => `version-change-${key}`;

/**
 * The one state of a purpose whose newer version waits for the customer's answer, the same
 * on the account home and the purposes page: the version agreed to still applies, what the
 * new one changes, and equal-weight "agree" and "switch off" that grant what is shown.
 */
export async function VersionChange({
  purpose,
  setConsent,
  headingLevel,
}: {
  purpose: Pending;
  setConsent: FormAction<ConsentActionState>;
  headingLevel: 2 | 3 | 4;
}) {
  const [t, format] = await Promise.all([getTranslations("versionChange"), getFormatter()]);
  const { agreedVersion, agreedAt, changes } = purpose.versionChange;
  const id = versionChangeId(purpose.key);
  const Heading = (["h2", "h3", "h4"] as const)[headingLevel - 2]!;
  const SubHeading = (["h3", "h4", "h5"] as const)[headingLevel - 2]!;
  return (
    <section
      id={id}
      aria-labelledby={`${id}-title`}
      className="version-change"
    >
      <Heading id={`${id}-title`} className="font-semibold">
        {t("title", { name: purpose.name, version: purpose.version })}
      </Heading>
      <p id={`${id}-applies`}>
        {t("stillApplies", {
          old: agreedVersion,
          date: agreedAt ? format.dateTime(agreedAt, { dateStyle: "long" }) : "",
        })}
      </p>
      {purpose.changeSummary ? <p>{purpose.changeSummary}</p> : null}
      <SubHeading className="font-semibold">
        {t("changesHeading", { version: purpose.version, old: agreedVersion })}
      </SubHeading>
      {changes.length === 0 ? <p>{t("noChanges")}</p> : <PurposeChanges changes={changes} />}
      <ReconsentForm purpose={purpose} action={setConsent} describedBy={`${id}-applies`} />
    </section>
  );
}

/** The changes, field by field: texts as before and now, lists as what is new and what is gone. */
async function PurposeChanges({ changes }: { changes: PurposeChange[] }) {
  const [t, tp, tch, format] = await Promise.all([
    getTranslations("purposeChanges"),
    getTranslations("purposes"),
    getTranslations("preferences"),
    getFormatter(),
  ]);
  const lifetime = (days: number | null) =>
    days === null ? t("untilWithdrawn") : t("months", { months: lifetimeMonths({ consentLifetimeDays: days }) });
  const listOf = (change: Extract<PurposeChange, { kind: "list" }>, items: string[]) =>
    format.list(
      items.map((item) => (change.field === "channels" ? tch(`channelInSentence.${item}`) : tp(`categories.${item}`))),
    );
  const beforeNow = (before: string, now: string) => (
    <>
      <p>
        <b>{t("before")}</b> {before}
      </p>
      <p>
        <b>{t("now")}</b> {now}
      </p>
    </>
  );
  const addedRemoved = (added: string | null, removed: string | null) => (
    <>
      {added ? (
        <p>
          <b>{t("added")}</b> {added}
        </p>
      ) : null}
      {removed ? (
        <p>
          <b>{t("removed")}</b> {removed}
        </p>
      ) : null}
    </>
  );
  const recipients = (list: { name: string; country: string; role: string }[]) =>
    list.length === 0 ? null : format.list(list.map((r) => tp("recipient", r)));

  return (
    <dl className="changes">
      {changes.map((change) => {
        const field = change.kind === "text" || change.kind === "list" ? change.field : change.kind;
        return (
          <div key={field}>
            <dt>{t(`field.${field}`)}</dt>
            <dd>
              {change.kind === "text"
                ? beforeNow(change.before, change.after)
                : change.kind === "list"
                  ? addedRemoved(
                      change.added.length ? listOf(change, change.added) : null,
                      change.removed.length ? listOf(change, change.removed) : null,
                    )
                  : change.kind === "recipients"
                    ? addedRemoved(recipients(change.added), recipients(change.removed))
                    : change.kind === "sharing"
                      ? beforeNow(t(change.before ? "yes" : "no"), t(change.after ? "yes" : "no"))
                      : beforeNow(lifetime(change.before), lifetime(change.after))}
            </dd>
          </div>
        );
      })}
    </dl>
  );
}
