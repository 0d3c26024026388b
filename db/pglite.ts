import type { PGlite, PGliteOptions } from "@electric-sql/pglite";

/** What a caller may add: `loadDataDir` starts the database from a saved data folder (a tarball). */
export type OpenPgliteOptions = Pick<PGliteOptions, "loadDataDir">;

/**
 * Opens an embedded database with the extensions the migrations use (pg_trgm: the
 * trigram indexes of the support search). Every PGlite handle goes through here: a folder
 * whose indexes need an extension cannot be written without it.
 */
export async function openPglite(dataDir: string, options: OpenPgliteOptions = {}): Promise<PGlite> {
  const [{ PGlite }, { pg_trgm }] = await Promise.all([
    import("@electric-sql/pglite"),
    import("@electric-sql/pglite/contrib/pg_trgm"),
  ]);
  return PGlite.create(dataDir, { ...options, extensions: { pg_trgm } });
}
