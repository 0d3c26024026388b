import { readFileSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";

/** Another live process has the PGlite folder open. */
export class DataFolderInUseError extends Error {
  constructor(readonly lockFile: string) {
    super(
      `Tillit is running on this data folder; stop it or use DATABASE_URL. ` +
        `(${lockFile} names a running process; if none is running, delete that file.)`,
    );
    this.name = "DataFolderInUseError";
  }
}

export function lockFileFor(dataDir: string): string {
  return path.join(dataDir, "tillit.lock");
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function holderOf(file: string): number | null {
  try {
    const pid = Number.parseInt(readFileSync(file, "utf8").trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/**
 * PGlite has no lock of its own, and two processes on one folder corrupt it: the
 * process that opens it writes its pid into `<data dir>/tillit.lock`. A lock whose
 * process is gone (a crash) is stale and taken over. Returns the release function.
 */
export function acquireDataFolderLock(dataDir: string): () => void {
  const file = lockFileFor(dataDir);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      writeFileSync(file, `${process.pid}\n`, { flag: "wx", mode: 0o644 });
      return releaser(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const holder = holderOf(file);
    // Our own pid: this process reopened the folder (or the lock survived a restart in
    // a container, where the app is always the same pid).
    if (holder === process.pid) {
      writeFileSync(file, `${process.pid}\n`);
      return releaser(file);
    }
    if (holder !== null && isAlive(holder)) throw new DataFolderInUseError(file);
    // An empty file this young is another process between creating and writing it.
    if (holder === null && isYoung(file)) throw new DataFolderInUseError(file);
    // Stale (or half-written by a process that died): remove it and try again; "wx"
    // makes sure only one of two processes racing here wins.
    try {
      unlinkSync(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }
  }
  throw new DataFolderInUseError(file);
}

function isYoung(file: string): boolean {
  try {
    return Date.now() - statSync(file).mtimeMs < 2000;
  } catch {
    return false;
  }
}

function releaser(file: string): () => void {
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.off("exit", release);
    if (holderOf(file) === process.pid) {
      try {
        unlinkSync(file);
      } catch {
        // Already gone.
      }
    }
  };
  // A process that ends without closing the database (an uncaught error) still frees it.
  process.on("exit", release);
  return release;
}
