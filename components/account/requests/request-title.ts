import { getFormatter, getTranslations } from "next-intl/server";
import type { RequestDto } from "@/lib/requests/list-requests";

/**
 * What the customer asked for, in a few words: "Correction: your orders", "Objection:
 * Newsletter". `purposeNames` maps the purpose keys of objections to their names.
 */
export async function requestTitle(request: RequestDto, purposeNames: ReadonlyMap<string, string>): Promise<string> {
  const [t, format] = await Promise.all([getTranslations("requests"), getFormatter()]);
  switch (request.kind) {
    case "rectification": {
      const what = `correctionOf.${request.details.category}` as const;
      return t.has(what) ? t("heading.rectification", { what: t(what) }) : t("heading.rectificationOther");
    }
    case "objection": {
      const keys = request.details.purposeKeys ?? [];
      return keys.length > 0
        ? t("heading.objection", { purposes: format.list(keys.map((key) => purposeNames.get(key) ?? key)) })
        : t("heading.objectionDescribed");
    }
    default:
      return t(`heading.${request.kind}`);
  }
}
