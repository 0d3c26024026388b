import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { ApiOperation, type OperationView } from "@/components/developers/api-operation";
import { SchemaBlock } from "@/components/developers/schema-block";
import { documentedOperations, openApiDocument, resolveResponse, type JsonSchema } from "@/lib/integration/openapi";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("developers"))("title") };
}

const SCHEMA_REF = "#/components/schemas/";

// Public, no sign-in, no client code: the API's reference, rendered from the same OpenAPI
// document that /api/v1/openapi.json serves.
export default async function DevelopersPage() {
  const [t, locale] = await Promise.all([getTranslations("developers"), getLocale()]);
  // The document's own texts are English: say so to a screen reader on a Norwegian page.
  const english = locale === "en" ? undefined : "en";
  const document = openApiDocument();
  const follow = (schema: JsonSchema | undefined): unknown => {
    const ref = schema?.$ref;
    return typeof ref === "string" && ref.startsWith(SCHEMA_REF)
      ? document.components.schemas[ref.slice(SCHEMA_REF.length)]
      : schema;
  };
  const views: OperationView[] = documentedOperations(document).map((entry) => {
    const responses = Object.entries(entry.operation.responses).map(([status, response]) => ({
      status,
      response: resolveResponse(document, response),
    }));
    const success = responses.find((r) => r.status.startsWith("2"))!;
    return {
      ...entry,
      success,
      errors: responses.filter((r) => r !== success),
      requestSchema: follow(entry.operation.requestBody?.content["application/json"].schema),
      responseSchema: follow(success.response.content?.["application/json"].schema),
    };
  });
  const intro = ["token", "limits", "customers", "webhooks", "errors"] as const;
  // Shown once: a schema an operation shows in full is not repeated below; those the shown
  // schemas name are (and the error body, which every operation answers with).
  const named = new Set(["Error"]);
  for (const view of views) namedSchemas([view.requestSchema, view.responseSchema], named);
  for (const name of named) namedSchemas(document.components.schemas[name], named);
  const shared = Object.entries(document.components.schemas).filter(([name]) => named.has(name));

  return (
    <div className="space-y-10">
      <div className="max-w-2xl space-y-3">
        <h1 className="text-3xl font-semibold">{t("title")}</h1>
        <p>{t("intro")}</p>
        <p>
          <a href="/api/v1/openapi.json" type="application/json" className="link-text">
            {t("document")}
          </a>
        </p>
      </div>

      <section aria-labelledby="start-heading" className="max-w-2xl space-y-3">
        <h2 id="start-heading" className="text-xl font-semibold">
          {t("startHeading")}
        </h2>
        {intro.map((key) => (
          <p key={key}>{t(key)}</p>
        ))}
      </section>

      <section aria-labelledby="operations-heading" className="space-y-4">
        <h2 id="operations-heading" className="text-xl font-semibold">
          {t("operationsHeading")}
        </h2>
        {views.map((view) => (
          <ApiOperation key={view.operation.operationId} view={view} english={english} />
        ))}
      </section>

      <section aria-labelledby="schemas-heading" className="space-y-4">
        <h2 id="schemas-heading" className="text-xl font-semibold">
          {t("schemasHeading")}
        </h2>
        <p>{t("schemasIntro")}</p>
        {shared.map(([name, schema]) => (
          <div key={name} className="space-y-1">
            <h3 id={`schema-${name}`} className="font-semibold">
              <code>{name}</code>
            </h3>
            <SchemaBlock label={t("schemaLabel", { schema: name })} schema={schema} />
          </div>
        ))}
      </section>
    </div>
  );
}

/** The names of the component schemas a schema refers to, added to `found`. */
function namedSchemas(value: unknown, found: Set<string>): void {
  if (Array.isArray(value)) value.forEach((inner) => namedSchemas(inner, found));
  else if (value && typeof value === "object") {
    for (const [key, inner] of Object.entries(value)) {
      if (key === "$ref" && typeof inner === "string" && inner.startsWith(SCHEMA_REF))
        found.add(inner.slice(SCHEMA_REF.length));
      else namedSchemas(inner, found);
    }
  }
}
