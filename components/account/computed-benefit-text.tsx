import { getFormatter, getTranslations } from "next-intl/server";
import type { ComputedBenefit } from "@/lib/consent/benefits";
import type { Locale } from "@/lib/i18n/locales";

/** A benefit figure in words, e.g. "14 order updates by SMS in the last 12 months". */
export async function computedBenefitText({
  benefit,
  recipient,
  locale,
}: {
  benefit: ComputedBenefit;
  recipient: string | null;
  /** When not the page's language (the studio's preview). */
  locale?: Locale;
}): Promise<string> {
  const t = locale
    ? await getTranslations({ locale, namespace: "purposeCard.computed" })
    : await getTranslations("purposeCard.computed");
  const format = await getFormatter(locale ? { locale } : undefined);
  switch (benefit.metric) {
    case "orders_delivered":
      return t("orders_delivered", { orders: benefit.orders, savedAddress: benefit.savedAddress });
    case "receipts_kept":
      return t("receipts_kept", { receipts: benefit.receipts });
    case "loyalty_points":
      return t("loyalty_points", { earned: benefit.earned, balance: benefit.balance });
    case "sms_updates":
      return t("sms_updates", { messages: benefit.messages });
    case "newsletters":
      return t("newsletters", { messages: benefit.messages });
    case "offer_savings":
      return t("offer_savings", {
        amount: format.number(benefit.savedOre / 100, { style: "currency", currency: "NOK" }),
      });
    case "partner_notifications":
      return t("partner_notifications", { notifications: benefit.notifications, recipient: recipient ?? "" });
  }
}
