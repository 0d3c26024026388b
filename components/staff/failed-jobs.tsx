import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { ClientMessages } from "@/components/i18n/client-messages";
import type { FormAction } from "@/lib/actions/types";
import type { FailedJobDto } from "@/lib/jobs/failed-jobs";
import type { StaffFormState } from "@/lib/requests/staff-form-state";
import { RetryJobForm } from "./request-work-forms";

/** Exports and deletions that failed every attempt, each with a retry. */
export async function FailedJobs({ jobs, retry }: { jobs: FailedJobDto[]; retry: FormAction<StaffFormState> }) {
  const [t, format] = await Promise.all([getTranslations("supportRequests.failedJobs"), getFormatter()]);
  return (
    <section aria-labelledby="failed-jobs-heading" className="card space-y-3">
      <h2 id="failed-jobs-heading" className="text-xl font-semibold">
        {t("title")}
      </h2>
      <p className="max-w-2xl text-sm">{t("intro")}</p>
      {jobs.length === 0 ? (
        <p>{t("none")}</p>
      ) : (
        <ClientMessages namespaces={["supportRequests.failedJobs"]}>
          <div className="overflow-x-auto">
            <table className="data-table" aria-labelledby="failed-jobs-heading">
              <thead>
                <tr>
                  <th scope="col">{t("kindColumn")}</th>
                  <th scope="col">{t("customer")}</th>
                  <th scope="col">{t("attempts")}</th>
                  <th scope="col">{t("error")}</th>
                  <th scope="col">{t("failedAt")}</th>
                  <th scope="col">{t("request")}</th>
                  <th scope="col">
                    <span className="sr-only">{t("retry")}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {jobs.map((job) => (
                  <tr key={job.id}>
                    <td data-label={t("kindColumn")}>
                      <span>{t(`job.${job.kind}`)}</span>
                    </td>
                    <td data-label={t("customer")}>
                      <span>
                        {job.customer.name} ({String(job.customer.number)})
                      </span>
                    </td>
                    <td data-label={t("attempts")}>
                      <span>{format.number(job.attempts)}</span>
                    </td>
                    <td data-label={t("error")}>
                      <span>
                        <code>{job.lastError ?? "—"}</code>
                      </span>
                    </td>
                    <td data-label={t("failedAt")}>
                      <span>
                        {job.failedAt
                          ? format.dateTime(job.failedAt, { dateStyle: "medium", timeStyle: "short" })
                          : "—"}
                      </span>
                    </td>
                    <td data-label={t("request")}>
                      <span>
                        <Link href={`/support/requests/${job.requestId}`} className="link-text">
                          {t("openRequest")}
                        </Link>
                      </span>
                    </td>
                    <td data-label={t("retry")}>
                      <span>
                        <RetryJobForm
                          action={retry}
                          jobId={job.id}
                          label={t("retryLabel", { job: t(`job.${job.kind}`), customer: job.customer.name })}
                        />
                      </span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </ClientMessages>
      )}
    </section>
  );
}
