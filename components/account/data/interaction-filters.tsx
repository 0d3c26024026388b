import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Button } from "@/components/ui/button";
import type { InteractionFilters as Filters, ParamIssue } from "@/lib/data-inventory/list-params";

/** A plain GET form: filtering works without JavaScript and the result has its own URL. */
export async function InteractionFilters({
  path,
  channels,
  filters,
  issues,
}: {
  path: string;
  channels: readonly string[];
  filters: Filters;
  issues: ParamIssue[];
}) {
  const t = await getTranslations("data");
  const issue = (name: "channel" | "from" | "to") =>
    issues.includes(name) || (name !== "channel" && issues.includes("range"));
  const describedBy = (name: "channel" | "from" | "to") =>
    issues.includes(name)
      ? `filter-${name}-error`
      : name !== "channel" && issues.includes("range")
        ? "filter-range-error"
        : undefined;
  return (
    <form
      method="get"
      action={path}
      aria-labelledby="filter-heading"
      className="card p-5"
    >
      <h3 id="filter-heading" className="text-xl font-semibold">
        {t("filters.heading")}
      </h3>
      <div className="mt-3 grid gap-4 sm:grid-cols-3">
        <div className="space-y-1">
          <label htmlFor="filter-channel" className="block font-medium">
            {t("filters.channel")}
          </label>
          <select
            id="filter-channel"
            name="channel"
            defaultValue={filters.channel ?? ""}
            aria-invalid={issue("channel") || undefined}
            aria-describedby={describedBy("channel")}
            className="input"
          >
            <option value="">{t("filters.allChannels")}</option>
            {channels.map((channel) => (
              <option key={channel} value={channel}>
                {t(`channels.${channel}`)}
              </option>
            ))}
          </select>
          {issues.includes("channel") ? (
            <p id="filter-channel-error" className="text-sm text-red-800">
              {t("filters.issues.channel")}
            </p>
          ) : null}
        </div>
        {(["from", "to"] as const).map((name) => (
          <div key={name} className="space-y-1">
            <label htmlFor={`filter-${name}`} className="block font-medium">
              {t(`filters.${name}`)}
            </label>
            <input
              id={`filter-${name}`}
              name={name}
              type="date"
              min="1900-01-01"
              max="2100-12-31"
              defaultValue={filters[name] ?? ""}
              aria-invalid={issue(name) || undefined}
              aria-describedby={describedBy(name)}
              className="input"
            />
            {issues.includes(name) ? (
              <p id={`filter-${name}-error`} className="text-sm text-red-800">
                {t(`filters.issues.${name}`)}
              </p>
            ) : null}
          </div>
        ))}
      </div>
      {issues.includes("range") ? (
        <p id="filter-range-error" className="mt-3 text-sm text-red-800">
          {t("filters.issues.range")}
        </p>
      ) : null}
      <div className="mt-4 flex flex-wrap items-center gap-3">
        <Button type="submit">{t("filters.apply")}</Button>
        <Link href={path} className="link font-medium">
          {t("filters.clear")}
        </Link>
      </div>
    </form>
  );
}
