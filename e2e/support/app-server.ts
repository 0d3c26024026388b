import { spawn, type ChildProcess } from "node:child_process";
import { generateKeyPairSync, randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

/** A port nothing listens on now (for a server started next). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

export type AppServerOptions = {
  /** SMTP URL; omitted means local demo mode (outbox). */
  emailServer?: string;
  /** Use the PostgreSQL server from DATABASE_URL when set in the test environment. */
  usePostgres?: boolean;
  extraEnv?: Record<string, string | undefined>;
  /** AUTH_URL for the port the server gets; default `http://localhost:<port>`. */
  authUrl?: (port: number) => string;
};

/**
 * Runs the built app (`next start`) as a child process, like `npm start` does, and
 * can stop and start it again on the same data to prove that state survives.
 */
export async function startAppServer(options: AppServerOptions = {}) {
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(tmpdir(), "tillit-e2e-"));
  const databaseUrl = options.usePostgres === false ? undefined : process.env.DATABASE_URL || undefined;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    PORT: String(port),
    TILLIT_DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl ?? "",
    EMAIL_SERVER: options.emailServer ?? "",
    AUTH_SECRET: randomBytes(33).toString("base64url"),
    // A production-mode PostgreSQL run is a production deployment: it needs its own receipt key.
    TILLIT_RECEIPT_SIGNING_KEY: generateKeyPairSync("ed25519").privateKey.export({
      format: "pem",
      type: "pkcs8",
    }) as string,
    AUTH_URL: options.authUrl?.(port) ?? `http://localhost:${port}`,
    NEXT_MANUAL_SIG_HANDLE: "true",
    HOST: "127.0.0.1",
    // The suite signs in as the demo people, also on a production-mode PostgreSQL run.
    TILLIT_SEED_DEMO: "1",
    // Every spec signs in from 127.0.0.1; the per-address limit stays as in production.
    TILLIT_SIGNIN_LIMIT_PER_CLIENT: "500",
    // Export and erasure specs need fresh sign-ins by mail; the limit itself is tested in Vitest.
    TILLIT_SIGNIN_LIMIT_PER_EMAIL: "100",
    ...options.extraEnv,
  };
  // spawn() would pass `undefined` on as the string "undefined".
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
  let child: ChildProcess | null = null;
  let log = "";

  async function start() {
    log = "";
    child = spawn(
      process.execPath,
      [require.resolve("next/dist/bin/next"), "start", "-H", "127.0.0.1", "-p", String(port)],
      {
        env,
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    child.stdout!.on("data", (chunk: Buffer) => (log += chunk.toString()));
    child.stderr!.on("data", (chunk: Buffer) => (log += chunk.toString()));
    const deadline = Date.now() + 60_000;
    while (!log.includes("[tillit] open ")) {
      if (child.exitCode !== null) throw new Error(`app exited (${child.exitCode}):\n${log}`);
      if (Date.now() > deadline) throw new Error(`app did not start within 60 s:\n${log}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async function stop() {
    const running = child;
    child = null;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise((resolve) => running.once("exit", resolve));
    running.kill("SIGTERM");
    const timer = setTimeout(() => running.kill("SIGKILL"), 15_000);
    await exited;
    clearTimeout(timer);
  }

  await start();
  return {
    baseURL: `http://localhost:${port}`,
    dataDir,
    /** The server's environment (data folder, AUTH_SECRET, mail server), for commands run beside it. */
    env: { ...env } as Readonly<NodeJS.ProcessEnv>,
    log: () => log,
    start,
    stop,
    restart: async () => {
      await stop();
      await start();
    },
  };
}

export type AppServer = Awaited<ReturnType<typeof startAppServer>>;
