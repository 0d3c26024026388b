"use client";

import { useEffect, type RefObject } from "react";

/** After a refused submit, moves focus to the first field in error so it is read out and easy to fix. */
export function useFocusFirstError(form: RefObject<HTMLFormElement | null>, state: unknown) {
  useEffect(() => {
    if (!state || typeof state !== "object" || (state as { ok?: boolean }).ok !== false) return;
    form.current?.querySelector<HTMLElement>("[aria-invalid=true]")?.focus();
  }, [form, state]);
}
