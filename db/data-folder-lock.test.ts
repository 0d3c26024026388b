import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, DataFolderInUseError, getDb, getDriver } from "@/db";
import { acquireDataFolderLock, lockFileFor } from "./data-folder-lock";

let other: ChildProcess;
const made: string[] = [];
function freshDir() {
  const dir = mkdtempSync(path.join(tmpdir(), "tillit-lock-"));
  made.push(dir);
  return dir;
}

/** The pid of a process that has ended. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ["-e", ""], { stdio: "ignore" });
  await new Promise((resolve) => child.once("exit", resolve));
  return child.pid!;
}

beforeAll(() => {
  // Another live process, standing in for a running app.
  other = spawn(process.execPath, ["-e", "setTimeout(() => {}, 120000)"], { stdio: "ignore" });
});
afterAll(() => {
  other.kill();
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

describe("acquireDataFolderLock", () => {
  it("writes this process's pid and removes the file on release", () => {
    const dir = freshDir();
    const release = acquireDataFolderLock(dir);
    expect(readFileSync(lockFileFor(dir), "utf8").trim()).toBe(String(process.pid));
    release();
    expect(existsSync(lockFileFor(dir))).toBe(false);
  });

  it("refuses while another live process holds it, and names the way out", () => {
    const dir = freshDir();
    writeFileSync(lockFileFor(dir), `${other.pid}\n`);
    expect(() => acquireDataFolderLock(dir)).toThrow(DataFolderInUseError);
    expect(() => acquireDataFolderLock(dir)).toThrow(
      "Tillit is running on this data folder; stop it or use DATABASE_URL",
    );
    expect(readFileSync(lockFileFor(dir), "utf8").trim()).toBe(String(other.pid));
  });

  it("takes over a lock left by a process that has died", async () => {
    const dir = freshDir();
    writeFileSync(lockFileFor(dir), `${await deadPid()}\n`);
    const release = acquireDataFolderLock(dir);
    expect(readFileSync(lockFileFor(dir), "utf8").trim()).toBe(String(process.pid));
    release();
  });

  it("release never removes a lock another process has taken since", () => {
    const dir = freshDir();
    const release = acquireDataFolderLock(dir);
    writeFileSync(lockFileFor(dir), `${other.pid}\n`);
    release();
    expect(readFileSync(lockFileFor(dir), "utf8").trim()).toBe(String(other.pid));
  });
});

describe("the PGlite handle", () => {
  it("holds the lock while open, refuses a held folder, and lets go on close", async () => {
    const saved = { dir: process.env.TILLIT_DATA_DIR, url: process.env.DATABASE_URL };
    await closeDb();
    delete process.env.DATABASE_URL;
    try {
      const dir = freshDir();
      process.env.TILLIT_DATA_DIR = dir;
      expect(await getDriver()).toBe("pglite");
      await getDb();
      expect(readFileSync(lockFileFor(dir), "utf8").trim()).toBe(String(process.pid));
      await closeDb();
      expect(existsSync(lockFileFor(dir))).toBe(false);

      const busy = freshDir();
      process.env.TILLIT_DATA_DIR = busy;
      writeFileSync(lockFileFor(busy), `${other.pid}\n`);
      await expect(getDb()).rejects.toThrow(DataFolderInUseError);
      await closeDb().catch(() => {});
      expect(readFileSync(lockFileFor(busy), "utf8").trim()).toBe(String(other.pid));
    } finally {
      process.env.TILLIT_DATA_DIR = saved.dir;
      if (saved.url !== undefined) process.env.DATABASE_URL = saved.url;
    }
  });
});
