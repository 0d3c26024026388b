import path from "node:path";

// Resolved once; every other module asks here rather than reading process.env.
export function dataDir(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.env.TILLIT_DATA_DIR ?? ".data");
}

export function databaseUrl(): string | undefined {
  const url = process.env.DATABASE_URL?.trim();
  return url ? url : undefined;
}
