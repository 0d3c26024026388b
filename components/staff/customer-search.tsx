import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { CustomerSearchHit } from "@/lib/support/search-customers";

export type CustomerSearchState =
  | { kind: "empty" }
  | { kind: "invalid"; query: string; error: string }
  | { kind: "found"; query: string; hits: CustomerSearchHit[] };

/**
 * "Find a customer" on the support home: a GET form (the query is in the address, so the
 * back button works) and the hits, masked, each a link to the page that opens the customer
 * with a reason (the logged step).
 */
export async function CustomerSearch({ state }: { state: CustomerSearchState }) {
  const [t, tFields] = await Promise.all([getTranslations("staff.support.search"), getTranslations("errors.fields")]);
  const query = state.kind === "empty" ? "" : state.query;
  return (
    <section aria-labelledby="search-heading" className="card space-y-4 p-5">
      <h2 id="search-heading" className="text-xl font-semibold">
        {t("title")}
      </h2>
      <form method="get" action="/support" role="search" aria-labelledby="search-heading" className="space-y-2">
        <label htmlFor="search-q" className="block font-medium">
          {t("label")}
        </label>
        <p id="search-q-hint" className="text-sm text-slate-700">
          {t("hint")}
        </p>
        <div className="flex flex-wrap gap-3">
          <input
            id="search-q"
            name="q"
            type="search"
            defaultValue={query}
            autoComplete="off"
            maxLength={200}
            aria-describedby={state.kind === "invalid" ? "search-q-hint search-q-error" : "search-q-hint"}
            aria-invalid={state.kind === "invalid" ? true : undefined}
            className="input max-w-md flex-1"
          />
          <button type="submit" className="btn btn-primary">
            {t("submit")}
          </button>
        </div>
        {state.kind === "invalid" ? (
          <p id="search-q-error" className="text-sm font-medium text-red-800">
            {tFields(state.error as "searchQuery")}
          </p>
        ) : null}
      </form>
      {state.kind === "found" ? (
        state.hits.length === 0 ? (
          <p role="status">{t("none", { query: state.query })}</p>
        ) : (
          <>
            <p role="status">{t("count", { count: state.hits.length, query: state.query })}</p>
            <ul aria-label={t("results")} className="divide-y divide-slate-200">
              {state.hits.map((hit) => (
                <li key={hit.customerId} className="py-2">
                  <Link href={`/support/customers/${hit.customerId}`} prefetch={false} className="link font-medium">
                    {hit.name}
                  </Link>
                  <dl className="record">
                    <dt>{t("customerNumber")}</dt>
                    <dd>{hit.customerNumber}</dd>
                    <dt>{t("email")}</dt>
                    <dd>{hit.email}</dd>
                    <dt>{t("phone")}</dt>
                    <dd>{hit.phone ?? t("noPhone")}</dd>
                  </dl>
                </li>
              ))}
            </ul>
          </>
        )
      ) : null}
    </section>
  );
}
