import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import path from "node:path";
import { closeDb, getDriver, type Db } from "@/db";
import { sessions } from "@/db/schema";
import { startAppServer } from "../e2e/support/app-server";
import { measure, type Sample } from "./stats";

/** The HTTP scenarios run against `next start` of the built app. */
export function assertProductionBuild(scenario: string) {
  if (!existsSync(path.resolve(".next/BUILD_ID")))
    throw new Error(`${scenario} needs a production build: npm run build`);
}

/** A session for `userId`, as Auth.js would have stored it after a sign-in. */
export async function benchSession(db: Db, userId: string): Promise<string> {
  const token = randomBytes(32).toString("hex");
  await db.insert(sessions).values({ sessionToken: token, userId, expires: new Date(Date.now() + 86_400_000) });
  return token;
}

/** What a signed-in English browser sends. */
export const sessionHeaders = (token: string) => ({ cookie: `authjs.session-token=${token}`, "accept-language": "en" });

/**
 * Starts `next start` on the bench database. Closes this process's connection first: one process
 * per PGlite folder, so the server gets the folder only after we let go of it.
 */
export async function startBenchServer(databaseUrl: string | undefined, extraEnv: Record<string, string> = {}) {
  const driver = await getDriver();
  await closeDb();
  const server = await startAppServer({
    emailServer: "smtp://127.0.0.1:9",
    extraEnv: {
      DATABASE_URL: driver === "postgres" ? databaseUrl : "",
      TILLIT_DATA_DIR: process.env.TILLIT_DATA_DIR,
      TILLIT_SEED_DEMO: "0",
      ...extraEnv,
    },
  });
  return { driver, server };
}

/** GET of a page as the session's customer; anything but 200 is an error. Returns the body. */
export function pageGetter(baseURL: string, token: string) {
  const headers = sessionHeaders(token);
  return async (url: string) => {
    const response = await fetch(`${baseURL}${url}`, { headers, redirect: "manual" });
    const body = await response.text();
    if (response.status !== 200) throw new Error(`GET ${url}: ${response.status}`);
    return body;
  };
}

/** Each page at each concurrency, after 20 warm-up requests. */
export async function measurePages(
  pages: [name: string, url: string][],
  options: { iterations: number; concurrencies: number[] },
  get: (url: string) => Promise<unknown>,
): Promise<Sample[]> {
  const samples: Sample[] = [];
  for (const concurrency of options.concurrencies) {
    for (const [name, url] of pages) {
      samples.push(
        await measure(
          `GET ${name} (c=${concurrency})`,
          { iterations: options.iterations, concurrency, warmup: 20 },
          () => get(url),
        ),
      );
    }
  }
  return samples;
}
