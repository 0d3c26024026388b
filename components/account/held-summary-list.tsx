"use client";

import Link from "next/link";

/**
 * The account home's "what we hold" list, each category with its count, linking to its
 * page. A client component only so that the rows travel as compact, already-translated data
 * (ARCHITECTURE.md, "Page weight").
 */
export function HeldSummaryList({ categories }: { categories: { key: string; name: string; count: string }[] }) {
  return (
    <ul className="mt-3 grid gap-x-6 gap-y-2 sm:grid-cols-2">
      {categories.map((category) => (
        <li key={category.key}>
          <Link href={`/account/data/${category.key}`} className="link-quiet">
            <span className="font-medium">{category.name}</span>: {category.count}
          </Link>
        </li>
      ))}
    </ul>
  );
}
