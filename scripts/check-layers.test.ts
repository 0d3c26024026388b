import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { areaOf, checkLayers, type LayerProblem } from "./check-layers.mjs";

// A small tree with one mistake of each kind; `@/` resolves through its own tsconfig (with a
// baseUrl: without one, dependency-cruiser would resolve `paths` from the working directory).
const fixture: Record<string, string> = {
  "tsconfig.json": JSON.stringify({
    compilerOptions: { strict: true, jsx: "react-jsx", baseUrl: ".", paths: { "@/*": ["./*"] } },
  }),
  "db/schema.ts": `export type Row = { id: string };\nexport const kinds = ["a", "b"] as const;\n`,
  "db/index.ts": `import { rowLimit } from "@/lib/limits";\nexport const limit = rowLimit;\n`,
  "lib/limits.ts": `export const rowLimit = 10;\n`,
  // A type-only import counts.
  "components/row-view.tsx": `import type { Row } from "@/db/schema";\nexport function RowView(props: { row: Row }) {\n  return <p>{props.row.id}</p>;\n}\n`,
  "components/uses-page.tsx": `import { title } from "@/app/page";\nexport const heading = title;\n`,
  "app/page.tsx": `import { kinds } from "../db/schema";\nexport const title = kinds.join();\n`,
  // Tests may read the database to check what a page did.
  "app/page.test.ts": `import { kinds } from "@/db/schema";\nexport const checked = kinds;\n`,
  // lib/alpha and lib/beta import each other through different files: no module cycle, an area cycle.
  "lib/alpha/start.ts": `import { middle } from "@/lib/beta/middle";\nexport const start = middle + 1;\n`,
  "lib/alpha/base.ts": `export const base = 1;\n`,
  "lib/beta/middle.ts": `import { base } from "@/lib/alpha/base";\nexport const middle = base + 1;\n`,
  "lib/gamma/ping.ts": `import { pong } from "./pong";\nexport const ping = () => pong;\n`,
  "lib/gamma/pong.ts": `import { ping } from "./ping";\nexport const pong = () => ping;\n`,
  "lib/gamma/use-factory.ts": `import { makeThing } from "@/lib/testing/factories";\nexport const thing = makeThing();\n`,
  "lib/testing/factories.ts": `export const makeThing = () => ({});\n`,
  "lib/gamma/use-fixture.ts": `import { fixture } from "./gamma.test-support";\nexport const used = fixture;\n`,
  "lib/gamma/gamma.test-support.ts": `export const fixture = 1;\n`,
};

let root: string;
let problems: LayerProblem[];

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), "tillit-layers-"));
  for (const [file, text] of Object.entries(fixture)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  ({ problems } = await checkLayers(root));
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

const edges = (rule: string) => problems.filter((p) => p.rule === rule).map((p) => `${p.from} → ${p.to}`);

describe("checkLayers on a tree with wrong imports", () => {
  it("catches components/ and app/ importing db/, through the alias, by relative path and for types only", () => {
    expect(edges("ui-not-to-db").sort()).toEqual([
      "app/page.tsx → db/schema.ts",
      "components/row-view.tsx → db/schema.ts",
    ]);
  });

  it("catches db/ importing lib/", () => {
    expect(edges("db-not-up")).toEqual(["db/index.ts → lib/limits.ts"]);
  });

  it("catches components/ importing app/", () => {
    expect(edges("components-not-to-app")).toEqual(["components/uses-page.tsx → app/page.tsx"]);
  });

  it("catches production code importing test support", () => {
    expect(edges("production-not-to-test-support").sort()).toEqual([
      "lib/gamma/use-factory.ts → lib/testing/factories.ts",
      "lib/gamma/use-fixture.ts → lib/gamma/gamma.test-support.ts",
    ]);
  });

  it("catches a module cycle, once", () => {
    const cycles = problems.filter((p) => p.rule === "no-circular");
    expect(cycles).toHaveLength(1);
    expect(cycles[0]!.message).toMatch(/lib\/gamma\/p[io]ng\.ts → lib\/gamma\/p[io]ng\.ts → lib\/gamma\/p[io]ng\.ts/);
  });

  it("catches two lib/ areas importing each other and names the imports", () => {
    const cycles = problems.filter((p) => p.rule === "no-area-cycle");
    expect(cycles).toEqual([
      expect.objectContaining({
        areas: ["lib/alpha", "lib/beta"],
        imports: ["lib/alpha/start.ts → lib/beta/middle.ts", "lib/beta/middle.ts → lib/alpha/base.ts"],
      }),
    ]);
    expect(cycles[0]!.message).toContain("lib/beta/middle.ts → lib/alpha/base.ts");
  });

  it("reports nothing else (tests may reach across layers)", () => {
    expect(problems.map((p) => p.rule).sort()).toEqual([
      "components-not-to-app",
      "db-not-up",
      "no-area-cycle",
      "no-circular",
      "production-not-to-test-support",
      "production-not-to-test-support",
      "ui-not-to-db",
      "ui-not-to-db",
    ]);
  });
});

describe("areaOf", () => {
  it("is the first folder under lib/, or the file itself directly in lib/", () => {
    expect(areaOf("lib/auth/actor.ts")).toBe("lib/auth");
    expect(areaOf("lib/export/testing/x.ts")).toBe("lib/export");
    expect(areaOf("lib/env.ts")).toBe("lib/env.ts");
    expect(areaOf("app/page.tsx")).toBeNull();
  });
});

describe("checkLayers on this repository", () => {
  it("finds no problem", async () => {
    const result = await checkLayers();
    expect(result.problems.map((p) => p.message)).toEqual([]);
    // The whole tree was checked, `@/` imports included.
    expect(result.modules).toBeGreaterThan(300);
  });
});
