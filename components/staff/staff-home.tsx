import { getTranslations } from "next-intl/server";
import type { StaffHomeDto } from "@/lib/staff/get-staff-home";

const sectionClass = "card p-5";

/** A staff member's landing page: who is signed in, what the role may do, and how it is accounted for. */
export async function StaffHome({ area, home }: { area: "support" | "studio"; home: StaffHomeDto }) {
  const t = await getTranslations("staff");
  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <h1 className="text-3xl font-semibold">{t(`${area}.title`)}</h1>
        <p className="max-w-2xl">{t(`${area}.intro`)}</p>
      </div>
      <dl className={`${sectionClass} grid grid-cols-[auto_1fr] gap-x-4 gap-y-1`}>
        <dt className="font-medium">{t("signedInAs")}</dt>
        <dd>{home.displayName}</dd>
        <dt className="font-medium">{t("roleLabel")}</dt>
        <dd>{t(`roles.${home.role}`)}</dd>
      </dl>
      <section aria-labelledby="can-heading" className={sectionClass}>
        <h2 id="can-heading" className="text-xl font-semibold">
          {t("canTitle")}
        </h2>
        <ul className="mt-3 list-disc space-y-2 pl-6">
          {home.permissions.map((permission) => (
            <li key={permission}>{t(`permissions.${permission}`)}</li>
          ))}
        </ul>
        <p className="mt-4 text-slate-700">{t(`notOpenYet.${area}`)}</p>
      </section>
      <section aria-labelledby="accountability-heading" className={sectionClass}>
        <h2 id="accountability-heading" className="text-xl font-semibold">
          {t("accountabilityTitle")}
        </h2>
        <p className="mt-3">{t(`accountability.${home.role}`)}</p>
      </section>
    </div>
  );
}
