"use client";

import Link from "next/link";

/**
 * The header's markup, from texts the server translated (components/layout/site-header.tsx).
 * A client component only because it is on every page: its texts travel once as data, not
 * as a tree that the RSC payload repeats (ARCHITECTURE.md, "Page weight").
 */
export function SiteHeaderView({
  homeHref,
  language,
  languages,
  signOutLabel,
  setLocale,
  signOut,
}: {
  homeHref: string;
  /** The language switch's name, and each language in its own name. */
  language: string;
  languages: { locale: string; name: string; current: boolean }[];
  /** Only when signed in. */
  signOutLabel: string | null;
  setLocale: (formData: FormData) => Promise<void>;
  signOut: () => Promise<void>;
}) {
  return (
    <header className="site-header">
      <div className="site-header-bar">
        <Link href={homeHref} className="text-xl font-semibold text-brand-900">
          Tillit
        </Link>
        <div className="flex flex-wrap items-center gap-3">
          <form action={setLocale} aria-label={language} className="flex items-center gap-1">
            {languages.map((l) => (
              <button
                key={l.locale}
                type="submit"
                name="locale"
                value={l.locale}
                lang={l.locale}
                aria-pressed={l.current}
                className="nav-link text-sm"
              >
                {l.name}
              </button>
            ))}
          </form>
          {signOutLabel ? (
            <form action={signOut}>
              <button type="submit" className="sign-out">
                {signOutLabel}
              </button>
            </form>
          ) : null}
        </div>
      </div>
    </header>
  );
}
