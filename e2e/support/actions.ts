import { readFileSync } from "node:fs";
import path from "node:path";
import type { APIRequestContext, APIResponse } from "@playwright/test";

type Manifest = { node: Record<string, { exportedName?: string; workers: Record<string, unknown> }> };

let manifest: Manifest | null = null;
function readManifest(): Manifest {
  manifest ??= JSON.parse(
    readFileSync(path.join(process.cwd(), ".next/server/server-reference-manifest.json"), "utf8"),
  ) as Manifest;
  return manifest;
}

export type ServerAction = { name: string; id: string; path: string };

/** Every server action of the build, with a page that carries it. */
export function serverActions(): ServerAction[] {
  return Object.entries(readManifest().node).flatMap(([id, entry]) => {
    const pages = Object.keys(entry.workers).filter((worker) => worker.endsWith("/page"));
    // A page without dynamic segments if there is one, else any page with "x" in each segment.
    const page = pages.find((worker) => !worker.includes("[")) ?? pages[0];
    if (!entry.exportedName || !page) return [];
    const route = page
      .replace(/^app/, "")
      .replace(/\/page$/, "")
      .replace(/\/\([^)]+\)/g, "")
      .replace(/\[[^\]]+\]/g, "x");
    return [{ name: entry.exportedName, id, path: route || "/" }];
  });
}

export function serverAction(name: string): ServerAction {
  const action = serverActions().find((candidate) => candidate.name === name);
  if (!action) throw new Error(`no server action ${name} in the build`);
  return action;
}

/**
 * Calls an action as React's client does for a form with useActionState: the arguments
 * (previous state, the form) as row 0, the form's fields named `_1_<field>`.
 */
export async function callAction(
  request: APIRequestContext,
  options: {
    action: ServerAction;
    baseURL: string;
    fields: [string, string][];
    headers?: Record<string, string>;
  },
): Promise<APIResponse> {
  const form = new FormData();
  for (const [name, value] of options.fields) form.append(`_1_${name}`, value);
  form.append("0", JSON.stringify([null, "$K1"]));
  return request.post(new URL(options.action.path, options.baseURL).toString(), {
    multipart: form,
    headers: {
      "Next-Action": options.action.id,
      Origin: options.baseURL,
      Accept: "text/x-component",
      ...options.headers,
    },
    maxRedirects: 0,
  });
}
