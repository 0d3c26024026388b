"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

/** Reloads the server-rendered export list every few seconds while an export is being prepared. */
export function RefreshWhilePreparing({ intervalMs = 3000 }: { intervalMs?: number }) {
  const router = useRouter();
  useEffect(() => {
    const timer = setInterval(() => router.refresh(), intervalMs);
    return () => clearInterval(timer);
  }, [router, intervalMs]);
  return null;
}
