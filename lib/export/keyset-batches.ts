/**
 * Reads a table in keyset order, one batch per step, only when the consumer asks for the
 * next one. Each batch is its own short query: nothing (no transaction, no cursor) stays
 * open while the consumer (a zip stream, a slow download) takes its time.
 */
export async function* keysetBatches<R, C>(options: {
  fetch: (after: C | null, limit: number) => Promise<R[]>;
  cursorOf: (row: R) => C;
  batchSize: number;
}): AsyncGenerator<R[], void, undefined> {
  let after: C | null = null;
  for (;;) {
    const rows = await options.fetch(after, options.batchSize);
    if (rows.length > 0) yield rows;
    if (rows.length < options.batchSize) return;
    after = options.cursorOf(rows[rows.length - 1]!);
  }
}
