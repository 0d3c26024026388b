import { createHash, randomBytes } from "node:crypto";
import { mkdir, readFile, readdir, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import type { Sql } from "postgres";
import { migrateDb } from "./migrate";
import { openPglite } from "./pglite";
import { schema, type Db } from "./index";

// Every test file gets its own empty, migrated database. Building one from nothing is most
// of a small test file's time (PGlite: seconds of initdb, then every migration; PostgreSQL:
// a new database, then every migration over the wire), and the suite has ~120 files. So the
// first file to need one builds it as before and keeps it as a template; later files (in
// this run and the next, until a migration changes) start from a copy of the template.

const migrationsFolder = path.join(process.cwd(), "db", "migrations");
const cacheFolder = path.join(process.cwd(), "node_modules", ".cache", "tillit");

/** A hash of everything in db/migrations (each SQL file and the journal, by name and content). */
async function migrationsHash(): Promise<string> {
  const entries = await readdir(migrationsFolder, { withFileTypes: true, recursive: true });
  const files = entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(migrationsFolder, path.join(entry.parentPath, entry.name)))
    .sort();
  const hash = createHash("sha256");
  for (const file of files) {
    hash.update(`${file}\n`);
    hash.update(await readFile(path.join(migrationsFolder, file)));
  }
  return hash.digest("hex");
}

// ---------------------------------------------------------------------------------------
// PGlite: the template is the data folder of a migrated database, kept as a gzipped tarball.

// The file starts with this line and the SHA-256 of what follows it: a gzip stream cut
// short makes PGlite fail outside any promise we could catch, so it is checked first.
const HEADER = "tillit-pglite-template v1 sha256=";

/** Named after the migrations and the PGlite version (the data folder's format). */
async function pgliteTemplateFile(): Promise<string> {
  const pglite = JSON.parse(
    await readFile(path.join(process.cwd(), "node_modules", "@electric-sql", "pglite", "package.json"), "utf8"),
  ) as { version: string };
  const key = createHash("sha256").update(`pglite ${pglite.version}\n${await migrationsHash()}`).digest("hex");
  return path.join(cacheFolder, `pglite-template-${key.slice(0, 32)}.tgz`);
}

/** The saved data folder, or null when there is none or it does not match its checksum (then it is removed). */
async function readPgliteTemplate(file: string): Promise<Blob | null> {
  let content: Buffer;
  try {
    content = await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
  const newline = content.indexOf(0x0a);
  const header = newline < 0 ? "" : content.subarray(0, newline).toString("latin1");
  const tarball = content.subarray(newline + 1);
  if (header === `${HEADER}${createHash("sha256").update(tarball).digest("hex")}`) {
    return new Blob([new Uint8Array(tarball)]);
  }
  console.warn(`[test-database] ${path.basename(file)} is damaged: building the database from the migrations`);
  await rm(file, { force: true });
  return null;
}

/** Written under a temporary name and renamed: a test file running beside it reads the whole file or none. */
async function writePgliteTemplate(file: string, tarball: Blob): Promise<void> {
  const bytes = Buffer.from(await tarball.arrayBuffer());
  const header = `${HEADER}${createHash("sha256").update(bytes).digest("hex")}\n`;
  await mkdir(cacheFolder, { recursive: true });
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  try {
    await writeFile(temporary, Buffer.concat([Buffer.from(header, "latin1"), bytes]));
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/**
 * A new in-memory PGlite holding an empty database with every migration applied: a copy of
 * the saved template when there is a sound one, otherwise built from the migrations (and
 * saved for the next caller). Two test files that find no template at the same moment both
 * build one; each uses its own, and the last rename wins (both hold the same state).
 */
export async function openMigratedPglite(): Promise<PGlite> {
  const { drizzle } = await import("drizzle-orm/pglite");
  const file = await pgliteTemplateFile();
  const tarball = await readPgliteTemplate(file);
  const client = await openPglite("memory://", tarball ? { loadDataDir: tarball } : {});
  // On a copy this finds every migration applied and changes nothing (a few queries): the
  // file's name is not trusted to say that the copy is complete.
  await migrateDb({ driver: "pglite", db: drizzle(client, { schema }) as unknown as Db });
  if (!tarball) {
    // Flushed to the data files first, so that a copy does not start by replaying the log.
    await client.exec("checkpoint");
    await writePgliteTemplate(file, await client.dumpDataDir("gzip"));
  }
  return client;
}

// ---------------------------------------------------------------------------------------
// PostgreSQL: the template is a migrated database on the server, copied by CREATE DATABASE.

const DUPLICATE_DATABASE = "42P04";
const UNDEFINED_DATABASE = "3D000";

function databaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * Migrates a new database under a name of its own, closes it to connections and only then
 * renames it to the template's name: a template that exists is complete. Nobody can connect
 * to it afterwards, so a copy is never refused for "being accessed by other users". When
 * another test file's build won the race, this one's is dropped and theirs is used.
 */
async function buildPostgresTemplate(admin: Sql, serverUrl: string, template: string): Promise<void> {
  const building = `${template}_${randomBytes(4).toString("hex")}`;
  await admin.unsafe(`create database ${building}`);
  try {
    await migrateDb({ driver: "postgres", url: databaseUrl(serverUrl, building) });
    await admin.unsafe(`alter database ${building} with allow_connections false`);
    await admin.unsafe(`alter database ${building} rename to ${template}`);
  } catch (error) {
    await admin.unsafe(`drop database if exists ${building} with (force)`);
    if ((error as { code?: string }).code !== DUPLICATE_DATABASE) throw error;
  }
}

/**
 * Creates the database `name` on the server as a copy of the migrated template named after
 * the migrations, building the template first if the server has none. Templates of older
 * migrations stay on the server (a few MB each; drop `tillit_template_*` by hand).
 */
export async function createMigratedPostgresDatabase(admin: Sql, serverUrl: string, name: string): Promise<string> {
  const template = `tillit_template_${(await migrationsHash()).slice(0, 16)}`;
  for (let attempt = 1; ; attempt++) {
    try {
      await admin.unsafe(`create database ${name} template ${template}`);
      break;
    } catch (error) {
      if ((error as { code?: string }).code !== UNDEFINED_DATABASE || attempt > 1) throw error;
      await buildPostgresTemplate(admin, serverUrl, template);
    }
  }
  const url = databaseUrl(serverUrl, name);
  // As on PGlite: finds every migration applied, and would apply any the copy lacked.
  await migrateDb({ driver: "postgres", url });
  return url;
}
