import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Button } from "@/components/ui/button";

/** A plain GET form: the filtered history has its own URL and works without JavaScript. */
export async function HistoryFilter({
  path,
  purposes,
  selected,
  unknownPurpose,
}: {
  path: string;
  purposes: { key: string; name: string }[];
  selected: string | null;
  unknownPurpose: boolean;
}) {
  const t = await getTranslations("consentHistory");
  return (
    <form
      method="get"
      action={path}
      aria-labelledby="history-filter-heading"
      className="card p-5"
    >
      <h3 id="history-filter-heading" className="text-xl font-semibold">
        {t("filter.heading")}
      </h3>
      <div className="mt-3 max-w-md space-y-1">
        <label htmlFor="history-purpose" className="block font-medium">
          {t("filter.purpose")}
        </label>
        <select
          id="history-purpose"
          name="purpose"
          defaultValue={selected ?? ""}
          aria-invalid={unknownPurpose || undefined}
          aria-describedby={unknownPurpose ? "history-purpose-error" : undefined}
          className="input"
        >
          <option value="">{t("filter.all")}</option>
          {purposes.map((p) => (
            <option key={p.key} value={p.key}>
              {p.name}
            </option>
          ))}
        </select>
        {unknownPurpose ? (
          <p id="history-purpose-error" className="text-sm text-red-800">
            {t("issues.purpose")}
          </p>
        ) : null}
      </div>
      <div className="mt-4 flex flex-wrap items-center gap-3">
        <Button type="submit">{t("filter.apply")}</Button>
        {selected ? (
          <Link href={path} className="link font-medium">
            {t("filter.clear")}
          </Link>
        ) : null}
      </div>
    </form>
  );
}
