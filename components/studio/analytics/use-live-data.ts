"use client";

import { useEffect, useState } from "react";

/** How often the page asks again: with the query's own time, a change shows within 2 s. */
const INTERVAL_MS = 1000;

/**
 * Polls a same-origin JSON endpoint while the tab is visible and not paused. A failed poll
 * keeps the last figures on screen and marks them stale (the page says since when).
 */
export function useLiveData<T>(url: string, initial: T) {
  const [data, setData] = useState(initial);
  const [updatedAt, setUpdatedAt] = useState(() => new Date());
  const [stale, setStale] = useState(false);
  const [paused, setPaused] = useState(false);

  useEffect(() => {
    if (paused) return;
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      if (!document.hidden) {
        try {
          const response = await fetch(url, { cache: "no-store", headers: { Accept: "application/json" } });
          if (!response.ok) throw new Error(String(response.status));
          const next = (await response.json()) as T;
          if (cancelled) return;
          setData(next);
          setUpdatedAt(new Date());
          setStale(false);
        } catch {
          if (!cancelled) setStale(true);
        }
      }
      if (!cancelled) timer = setTimeout(poll, INTERVAL_MS);
    };
    timer = setTimeout(poll, INTERVAL_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [url, paused]);

  return { data, updatedAt, stale, paused, setPaused };
}
