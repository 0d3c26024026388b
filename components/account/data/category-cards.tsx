"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";

/** One category on the data page, every text already said (category-summaries.ts). */
export type CategorySummary = {
  key: string;
  name: string;
  count: string;
  description: string;
  byChannel: string | null;
  deletion: string;
  link: string;
};

/**
 * The data page's categories, summary first: what, how much and until when. Where from,
 * for what and to whom are on each category's own page, with its records. A client
 * component only to keep the page light: it renders on the server like the rest, and the
 * page sends its texts once instead of twice (markup and RSC payload; ARCHITECTURE.md,
 * "Page weight").
 */
export function CategoryCards({ categories }: { categories: CategorySummary[] }) {
  const t = useTranslations();
  return categories.map((category) => {
    const headingId = `category-${category.key}`;
    return (
      <article key={category.key} aria-labelledby={headingId} className="card">
        <div className="flex flex-wrap items-baseline justify-between gap-x-4">
          <h3 id={headingId} className="text-lg font-semibold">
            {category.name}
          </h3>
          <p className="font-medium">{category.count}</p>
        </div>
        <p className="text-slate-700">{category.description}</p>
        {category.byChannel ? (
          <p className="text-sm text-slate-700">
            <span className="sr-only">{t("data.byChannel")}: </span>
            {category.byChannel}
          </p>
        ) : null}
        <p className="mt-1 text-sm">{category.deletion}</p>
        <Link href={`/account/data/${category.key}`} className="link mt-1 font-medium">
          {category.link}
        </Link>
      </article>
    );
  });
}
