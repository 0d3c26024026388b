import type { getTranslations } from "next-intl/server";
import type { StaffAccessEntryDto } from "@/lib/access-log/staff-access-dto";
import type { Locale } from "@/lib/i18n/locales";

type AccessTranslator = Awaited<ReturnType<typeof getTranslations<"access">>>;

/**
 * What an access-log entry says happened, in the reader's language: a staff member opened
 * the account or revealed a detail, or a system connected to ours checked a consent (the
 * purpose by its name in this language, its key if the purpose is gone).
 */
export function accessEntryTitle(t: AccessTranslator, entry: StaffAccessEntryDto, locale: Locale): string {
  if (entry.staffRole === "system") {
    const purpose = entry.purposeNames?.[locale] || entry.purposeNames?.en || entry.purposeNames?.nb || entry.field;
    return t("systemChecked", { name: entry.staffName, purpose: purpose ?? t("field.other") });
  }
  const role = t.has(`role.${entry.staffRole}`) ? t(`role.${entry.staffRole}`) : t("role.other");
  if (entry.action === "reveal") {
    const field = entry.field && t.has(`field.${entry.field}`) ? t(`field.${entry.field}`) : t("field.other");
    return t("revealed", { name: entry.staffName, role, field });
  }
  return t("viewed", { name: entry.staffName, role });
}
