import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { StaffHome } from "@/components/staff/staff-home";
import { currentActor } from "@/lib/current-actor";
import { getStaffHome } from "@/lib/staff/get-staff-home";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("staff"))("support.title") };
}

export default async function SupportHomePage() {
  return <StaffHome area="support" home={await getStaffHome(await currentActor())} />;
}
