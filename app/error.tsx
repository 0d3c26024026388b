"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";

// Never shows the error's own message: it may carry details not meant for the browser.
export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations("errorPage");
  return (
    <div className="space-y-4">
      <h1 className="text-3xl font-semibold">{t("title")}</h1>
      <p>{t("body")}</p>
      <Button type="button" onClick={reset}>
        {t("retry")}
      </Button>
    </div>
  );
}
