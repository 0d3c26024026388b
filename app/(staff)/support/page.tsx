import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { CustomerSearch, type CustomerSearchState } from "@/components/staff/customer-search";
import { RequestQueueLink } from "@/components/staff/request-queue-link";
import { StaffHome } from "@/components/staff/staff-home";
import { currentActor } from "@/lib/current-actor";
import { isAppError } from "@/lib/errors";
import { getStaffHome } from "@/lib/staff/get-staff-home";
import { searchCustomers } from "@/lib/support/search-customers";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("staff"))("support.title") };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function SupportHomePage({ searchParams }: Props) {
  const actor = await currentActor();
  const { q } = await searchParams;
  const query = typeof q === "string" ? q : undefined;
  let search: CustomerSearchState = { kind: "empty" };
  if (query !== undefined) {
    try {
      search = { kind: "found", query: query.trim(), hits: await searchCustomers(actor, query) };
    } catch (error) {
      if (!isAppError(error) || (error.code !== "invalid" && error.code !== "rate_limited")) throw error;
      search = { kind: "invalid", query, error: error.fieldErrors.query ?? "invalid" };
    }
  }
  return (
    <div className="space-y-6">
      <StaffHome area="support" home={await getStaffHome(actor)} />
      <CustomerSearch state={search} />
      <RequestQueueLink />
    </div>
  );
}
