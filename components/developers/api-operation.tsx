import { getTranslations } from "next-intl/server";
import type { DocumentedOperation, OpenApiResponse } from "@/lib/integration/openapi";
import { SchemaBlock } from "./schema-block";

export type OperationView = DocumentedOperation & {
  /** The success response and the error responses, references followed. */
  success: { status: string; response: OpenApiResponse };
  errors: { status: string; response: OpenApiResponse }[];
  /** The request body's schema with its top-level reference followed (nested ones stay named). */
  requestSchema: unknown;
  responseSchema: unknown;
};

const statusMeanings = ["400", "401", "403", "404", "405", "413", "415", "429", "500"] as const;
type KnownStatus = (typeof statusMeanings)[number];

/**
 * One operation of the OpenAPI document. `english` is the lang attribute for the document's
 * own texts (summaries and descriptions are for developers and stay in English).
 */
export async function ApiOperation({ view, english }: { view: OperationView; english: "en" | undefined }) {
  const t = await getTranslations("developers");
  const { operation, method, path } = view;
  const id = `op-${operation.operationId}`;
  const parameters = operation.parameters ?? [];
  return (
    <article aria-labelledby={id} className="card space-y-4">
      <div className="space-y-1">
        <h3 id={id} className="text-lg font-semibold break-words">
          <code>
            {method.toUpperCase()} {path}
          </code>
        </h3>
        <p lang={english}>{operation.summary}</p>
        <p lang={english} className="text-sm text-slate-700">
          {operation.description}
        </p>
      </div>
      <dl className="record">
        <dt>{t("scope")}</dt>
        <dd>
          <code>{operation["x-required-scope"]}</code>
        </dd>
        <dt>{t("operationId")}</dt>
        <dd>
          <code>{operation.operationId}</code>
        </dd>
      </dl>

      {parameters.length > 0 && (
        <div className="overflow-x-auto">
          <table className="spec-table">
            <caption>{t("parameters")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("parameterName")}</th>
                <th scope="col">{t("parameterIn")}</th>
                <th scope="col">{t("parameterRequired")}</th>
                <th scope="col">{t("parameterAbout")}</th>
              </tr>
            </thead>
            <tbody>
              {parameters.map((parameter) => (
                <tr key={`${parameter.in}:${parameter.name}`}>
                  <th scope="row">
                    <code>{parameter.name}</code>
                  </th>
                  <td>{parameter.in === "path" ? t("inPath") : t("inQuery")}</td>
                  <td>{parameter.required ? t("yes") : t("no")}</td>
                  <td>
                    {parameter.description && <span lang={english}>{parameter.description} </span>}
                    <code className="break-all">{schemaSummary(parameter.schema)}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {view.requestSchema !== undefined && (
        <div className="space-y-1">
          <h4 className="font-semibold">{t("requestBody")}</h4>
          <SchemaBlock
            label={t("requestBodyLabel", { operation: operation.operationId })}
            schema={view.requestSchema}
          />
        </div>
      )}

      <div className="space-y-1">
        <h4 className="font-semibold">{t("response", { status: view.success.status })}</h4>
        <SchemaBlock label={t("responseLabel", { operation: operation.operationId })} schema={view.responseSchema} />
      </div>

      <div className="overflow-x-auto">
        <table className="spec-table">
          <caption>{t("errorsCaption", { operation: operation.operationId })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("status")}</th>
              <th scope="col">{t("codes")}</th>
              <th scope="col">{t("meaning")}</th>
            </tr>
          </thead>
          <tbody>
            {view.errors.map(({ status, response }) => (
              <tr key={status}>
                <th scope="row">{status}</th>
                <td>
                  {(response["x-error-codes"] ?? []).map((code) => (
                    <code key={code} className="block">
                      {code}
                    </code>
                  ))}
                </td>
                <td>
                  {statusMeanings.includes(status as KnownStatus) ? (
                    t(`statusMeaning.s${status as KnownStatus}`)
                  ) : (
                    <span lang={english}>{response.description}</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </article>
  );
}

/** A parameter's type in a few characters: an enum's values, a pattern, or the type. */
function schemaSummary(schema: Record<string, unknown>): string {
  if (Array.isArray(schema.enum)) return schema.enum.join(" | ");
  if (typeof schema.pattern === "string") return schema.pattern;
  const length = typeof schema.maxLength === "number" ? `, ≤ ${schema.maxLength}` : "";
  return `${String(schema.type ?? "any")}${typeof schema.format === "string" ? ` (${schema.format})` : ""}${length}`;
}
