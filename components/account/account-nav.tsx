"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";

const items = [
  { href: "/account", key: "overview", also: [] },
  { href: "/account/data", key: "data", also: [] },
  { href: "/account/purposes", key: "purposes", also: [] },
  { href: "/account/preferences", key: "preferences", also: [] },
  { href: "/account/profile", key: "profile", also: [] },
  { href: "/account/access", key: "access", also: ["/account/support-code"] },
  { href: "/account/devices", key: "devices", also: [] },
  { href: "/account/requests", key: "requests", also: ["/account/export", "/account/delete"] },
] as const;

type Item = (typeof items)[number];

/** Where the skip link lands on account pages: the page's own content, past this nav. */
export const accountContentId = "content";

// A detail page (/account/data/orders) belongs to its section; export and deletion are requests.
function isCurrent(item: Item, pathname: string) {
  if (pathname === item.href) return true;
  if (item.href === "/account") return false;
  return [item.href, ...item.also].some((href) => pathname === href || pathname.startsWith(`${href}/`));
}

/**
 * Every section, always reachable without scrolling sideways: a wrapping row from the
 * small breakpoint up, and on a phone a disclosure (<details>, so it works before and
 * without JavaScript) that opens into a list.
 */
export function AccountNav() {
  const t = useTranslations("accountNav");
  const pathname = usePathname();
  const current = items.find((item) => isCurrent(item, pathname));
  // `.nav-link` (app/globals.css) styles the current page by its aria-current.
  const link = (item: Item) => (
    <li key={item.href}>
      <Link href={item.href} aria-current={isCurrent(item, pathname) ? "page" : undefined} className="nav-link">
        {t(item.key)}
      </Link>
    </li>
  );
  return (
    <nav aria-label={t("label")} className="mb-8 border-b border-slate-200 pb-3">
      {/* Keyed by the page, so that it closes again after a link in it was followed. */}
      <details key={pathname} className="group sm:hidden">
        <summary className="nav-menu">
          <span>{current ? t("menu", { current: t(current.key) }) : t("label")}</span>
          <span aria-hidden="true" className="transition-transform group-open:rotate-180">
            ▾
          </span>
        </summary>
        <ul className="nav-list">{items.map(link)}</ul>
      </details>
      <ul className="nav-tabs">{items.map(link)}</ul>
    </nav>
  );
}
