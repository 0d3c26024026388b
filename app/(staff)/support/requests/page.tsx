import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { FailedJobs } from "@/components/staff/failed-jobs";
import { RequestQueue } from "@/components/staff/request-queue";
import { notFound } from "next/navigation";
import { currentActor } from "@/lib/current-actor";
import { isNotFoundForPage } from "@/lib/errors";
import { listFailedJobs } from "@/lib/jobs/failed-jobs";
import { listRequestQueue } from "@/lib/requests/list-request-queue";
import { parseQueueParams } from "@/lib/requests/queue-params";
import { retryFailedJobAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("supportRequests"))("queue.title") };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function RequestQueuePage({ searchParams }: Props) {
  const actor = await currentActor();
  const params = parseQueueParams(await searchParams);
  const [t, page, failed] = await Promise.all([
    getTranslations("supportRequests"),
    listRequestQueue(actor, params),
    listFailedJobs(actor),
  ]).catch((error: unknown) => {
    // Only agents: everyone else gets the area's 404, even if this runs before the layout's guard.
    if (isNotFoundForPage(error)) notFound();
    throw error;
  });
  return (
    <div className="space-y-6">
      <Link href="/support" className="link">
        {(await getTranslations("staff.support"))("title")}
      </Link>
      <div className="space-y-2">
        <h1 className="text-3xl font-semibold">{t("queue.title")}</h1>
        <p className="max-w-2xl">{t("queue.intro")}</p>
      </div>
      <RequestQueue params={params} page={page} />
      <FailedJobs jobs={failed} retry={retryFailedJobAction} />
    </div>
  );
}
