// Import rules between the layers (ARCHITECTURE.md, "Layers"), run by scripts/check-layers.mjs
// (`npm run lint`). That script also reports cycles between lib/ areas, which it computes
// from the cruise result: dependency-cruiser's rules look at one module at a time.
//
// The layer rules hold for production code. Tests may reach across layers to set up and to
// check what a user would notice (an action's test reads the row it wrote), so `*.test.ts(x)`
// files are exempt from them; test support may not leak into production either way.
const { TEST_FILE, TEST_SUPPORT, NOT_PRODUCTION } = require("./scripts/layer-patterns.cjs");

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "ui-not-to-db",
      comment:
        "components/ and app/ never import db/, not even its types: pages and actions get DTOs and constants from lib/.",
      severity: "error",
      from: { path: "^(components|app)/", pathNot: TEST_FILE },
      to: { path: "^db/" },
    },
    {
      name: "db-not-up",
      comment: "db/ is the bottom layer: it never imports lib/, app/ or components/.",
      severity: "error",
      from: { path: "^db/", pathNot: TEST_FILE },
      to: { path: "^(lib|app|components)/" },
    },
    {
      name: "lib-not-up",
      comment: "lib/ never imports app/ or components/.",
      severity: "error",
      from: { path: "^lib/", pathNot: TEST_FILE },
      to: { path: "^(app|components)/" },
    },
    {
      name: "components-not-to-app",
      comment: "components/ never imports app/: the page passes in what a component needs.",
      severity: "error",
      from: { path: "^components/", pathNot: TEST_FILE },
      to: { path: "^app/" },
    },
    {
      name: "operator-only-from-scripts",
      comment:
        "The CLI's operator actor (lib/integration/operator.ts) is for command-line scripts: no page, action or component may act as the operator.",
      severity: "error",
      from: { path: "^(app|components)/" },
      to: { path: "^lib/integration/operator\\.ts$" },
    },
    {
      name: "production-not-to-test-support",
      comment: "Production code never imports test support (*.test-support.ts, testing/ folders, *.test.ts).",
      severity: "error",
      from: { pathNot: NOT_PRODUCTION },
      to: { path: TEST_SUPPORT },
    },
    {
      name: "no-circular",
      comment: "No circular imports between modules.",
      severity: "error",
      from: {},
      to: { circular: true },
    },
    {
      name: "not-to-unresolvable",
      comment: "Every import resolves (an import the checker cannot resolve would slip past every rule above).",
      severity: "error",
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    // `import type` counts too: a page must not even know db/'s row types.
    tsPreCompilationDeps: true,
    // Resolves the `@/` alias (scripts/check-layers.mjs passes the tsconfig of the tree it checks).
    tsConfig: { fileName: "tsconfig.json" },
    // Installed and generated files: dependencies, Next's build output and next-env.d.ts,
    // migrations, test and bench reports.
    exclude: {
      path: "(^|/)node_modules(/|$)|^\\.(git|next|data)(/|$)|^next-env\\.d\\.ts$|^db/migrations(/|$)|^(test-results|playwright-report|bench/results)(/|$)",
    },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      extensions: [".ts", ".tsx", ".mts", ".js", ".mjs", ".cjs", ".json"],
    },
  },
};
