import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

// Everything an area of the app answers, found from the source tree and the build, so that
// a role test covers a page, action or route handler the day it is added.

const root = process.cwd();

/** URL patterns ("/support/customers/[customerId]") of every file called `name` under `dir`. */
function routesNamed(dir: string, name: "page.tsx" | "route.ts"): string[] {
  const found: string[] = [];
  const walk = (relative: string) => {
    for (const entry of readdirSync(path.join(root, relative), { withFileTypes: true })) {
      const child = path.posix.join(relative, entry.name);
      if (entry.isDirectory()) walk(child);
      else if (entry.name === name) found.push(relative);
    }
  };
  walk(dir);
  return found
    .map((folder) => `/${folder.replace(/^app\/?/, "").replace(/\([^)]+\)\/?/g, "")}`.replace(/\/$/, "") || "/")
    .sort();
}

/** Every page of an area's folder, e.g. `areaPages("app/(staff)/support")`. */
export const areaPages = (dir: string) => routesNamed(dir, "page.tsx");
/** Every route handler of an area's folder. */
export const areaRouteHandlers = (dir: string) => routesNamed(dir, "route.ts");

type Manifest = {
  node: Record<string, { filename?: string; exportedName?: string; workers: Record<string, unknown> }>;
};

/**
 * Every server action defined in the area's folder (the build's server-reference manifest
 * names each action's file), with a page of the area that carries it (params filled).
 */
export function areaActions(dir: string, params: Record<string, string>): { name: string; id: string; path: string }[] {
  const manifest = JSON.parse(
    readFileSync(path.join(root, ".next/server/server-reference-manifest.json"), "utf8"),
  ) as Manifest;
  return Object.entries(manifest.node).flatMap(([id, entry]) => {
    if (!entry.filename?.startsWith(`${dir}/`) || !entry.exportedName) return [];
    const page = Object.keys(entry.workers).find((worker) => worker.startsWith(`${dir}/`) && worker.endsWith("/page"));
    if (!page) throw new Error(`${entry.exportedName} (${entry.filename}) is on no page of ${dir}`);
    const pattern = `/${page.replace(/^app\//, "").replace(/\/page$/, "")}`.replace(/\/\([^)]+\)/g, "");
    return [{ name: entry.exportedName, id, path: fillParams(pattern, params) }];
  });
}

/** A pattern with its dynamic segments replaced; a segment the test does not know fails it, so it gets a real value. */
export function fillParams(pattern: string, params: Record<string, string>): string {
  return pattern.replace(/\[([^\]]+)\]/g, (_, name: string) => {
    const value = params[name];
    if (!value) throw new Error(`no value for [${name}] in ${pattern}: give the role test a real one`);
    return encodeURIComponent(value);
  });
}
