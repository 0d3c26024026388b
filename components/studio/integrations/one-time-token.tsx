"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";

/** A token just made, shown once from client state: a reload does not bring it back. */
export function OneTimeToken({ token, id }: { token: string; id: string }) {
  const t = useTranslations("studio.integrations");
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    await navigator.clipboard.writeText(token).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  };
  return (
    <section aria-labelledby={`${id}-heading`} className="card space-y-2 border-2 border-brand-700 p-4">
      <h3 id={`${id}-heading`} className="text-lg font-semibold">
        {t("tokenHeading")}
      </h3>
      <p id={`${id}-warning`} className="font-medium">
        {t("tokenWarning")}
      </p>
      <label htmlFor={id} className="block font-medium">
        {t("tokenLabel")}
      </label>
      <input
        id={id}
        readOnly
        value={token}
        aria-describedby={`${id}-warning`}
        className="input font-mono"
        spellCheck={false}
        autoComplete="off"
        onFocus={(event) => event.currentTarget.select()}
      />
      <div className="flex items-center gap-3">
        <Button type="button" variant="secondary" onClick={copy}>
          {t("copy")}
        </Button>
        <p role="status" className="text-sm">
          {copied ? t("copied") : ""}
        </p>
      </div>
    </section>
  );
}
