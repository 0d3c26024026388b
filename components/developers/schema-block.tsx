/**
 * A JSON Schema shown as formatted JSON. Long lines scroll sideways inside the block, so it
 * is a named, focusable region (as the transparency report's tables are).
 */
export function SchemaBlock({ label, schema }: { label: string; schema: unknown }) {
  return (
    <pre role="region" aria-label={label} tabIndex={0} className="schema-block" lang="en">
      {JSON.stringify(schema, null, 2)}
    </pre>
  );
}
