"use client";

import { usePathname } from "next/navigation";
import { accountContentId } from "@/components/account/account-nav";

/**
 * "Skip to content": lands on the page's own content. On account pages that is past the
 * account nav, which sits inside <main>; elsewhere it is <main> itself. The href is in
 * the server-rendered HTML, so the link works without JavaScript.
 */
export function SkipLink({ label }: { label: string }) {
  const pathname = usePathname();
  const inAccount = pathname === "/account" || pathname.startsWith("/account/");
  return (
    <a
      href={`#${inAccount ? accountContentId : "main"}`}
      className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-10 focus:bg-white focus:p-2"
    >
      {label}
    </a>
  );
}
