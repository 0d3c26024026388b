import { getTranslations } from "next-intl/server";
import { privacyContacts } from "@/lib/privacy/contacts";
import { SiteFooterView } from "./site-footer-view";

/** On every page: the privacy notice, the transparency report, the API's reference, and who answers for the customer's data. */
export async function SiteFooter() {
  const [t, tf] = await Promise.all([getTranslations("siteFooter"), getTranslations("footer")]);
  const { controller, dpo } = privacyContacts();
  return (
    <SiteFooterView
      text={{
        label: t("label"),
        privacyNotice: tf("privacyNotice"),
        transparencyReport: tf("transparencyReport"),
        verifyReceipt: t("verifyReceipt"),
        developers: t("developers"),
        controllerLabel: tf("controller"),
        controller: { name: controller.name, email: controller.email },
        dpoLabel: tf("dpo"),
        dpoEmail: dpo.email,
      }}
    />
  );
}
