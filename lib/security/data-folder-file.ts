import "server-only";
import { randomBytes } from "node:crypto";
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * What `file` holds; when it does not exist yet, it is created with `make()`'s content first.
 * Created atomically: the content goes into a private temporary file that is then hard-linked
 * to the name, which fails when the name exists. So two processes starting together (the app
 * and a command beside it, two test workers on one data folder) agree on one content, and
 * neither ever reads the file empty or half-written, as it could between an exclusive create
 * and its write.
 */
export function readOrCreateFile(file: string, make: () => string, mode = 0o600): string {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`;
  writeFileSync(temporary, make(), { mode, flag: "wx" });
  try {
    linkSync(temporary, file);
  } catch (error) {
    // Another process created it first: theirs is the one everyone uses.
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  } finally {
    unlinkSync(temporary);
  }
  return readFileSync(file, "utf8");
}
