"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";

const items = [
  { href: "/account", key: "overview" },
  { href: "/account/data", key: "data" },
  { href: "/account/purposes", key: "purposes" },
  { href: "/account/preferences", key: "preferences" },
  { href: "/account/profile", key: "profile" },
  { href: "/account/access", key: "access" },
  { href: "/account/devices", key: "devices" },
  { href: "/account/requests", key: "requests" },
] as const;

export function AccountNav() {
  const t = useTranslations("accountNav");
  const pathname = usePathname();
  return (
    <nav aria-label={t("label")} className="mb-8 overflow-x-auto border-b border-slate-200">
      <ul className="flex min-w-max gap-1">
        {items.map((item) => {
          // A detail page (/account/data/orders) belongs to its section.
          const current = pathname === item.href || (item.href !== "/account" && pathname.startsWith(`${item.href}/`));
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                aria-current={current ? "page" : undefined}
                className={`inline-flex min-h-11 items-center border-b-2 px-3 text-sm ${
                  current
                    ? "border-brand-700 font-semibold text-brand-900"
                    : "border-transparent text-slate-700 hover:text-brand-900"
                }`}
              >
                {t(item.key)}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
