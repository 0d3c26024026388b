// node scripts/check-layers.mjs   (part of `npm run lint`)
// The layer rules as code (ARCHITECTURE.md, "Layers"): dependency-cruiser checks the import
// rules of .dependency-cruiser.cjs module by module; this script adds what no per-module rule
// can see, cycles between lib/ areas. Prints every problem and exits 1 if there is any.
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { cruise } from "dependency-cruiser";
import extractDepcruiseOptions from "dependency-cruiser/config-utl/extract-depcruise-options";
import extractTSConfig from "dependency-cruiser/config-utl/extract-ts-config";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const { NOT_PRODUCTION } = createRequire(import.meta.url)("./layer-patterns.cjs");
const notProduction = new RegExp(NOT_PRODUCTION);

/**
 * An area is the first folder under lib/ (lib/auth, lib/consent); a file directly in lib/
 * (lib/env.ts) is an area of its own. Null outside lib/.
 */
export function areaOf(file) {
  const match = /^lib\/([^/]+)(\/)?/.exec(file);
  if (!match) return null;
  return match[2] ? `lib/${match[1]}` : file;
}

/**
 * Checks the tree at `root` (default: this repository) against the rules of
 * .dependency-cruiser.cjs, resolving `@/` through `root`/tsconfig.json, and for cycles
 * between lib/ areas. Returns the problems found, each with a readable `message`.
 * (dependency-cruiser resolves tsconfig `paths` without a `baseUrl` from the working
 * directory: run it from `root`, or give that tsconfig a `baseUrl`. An alias resolved
 * wrongly is not silent: the not-to-unresolvable rule reports it.)
 */
export async function checkLayers(root = repoRoot) {
  const options = await extractDepcruiseOptions(path.join(repoRoot, ".dependency-cruiser.cjs"));
  const tsConfigFile = path.join(root, "tsconfig.json");
  const hasTsConfig = existsSync(tsConfigFile);
  const result = await cruise(
    ["."],
    { ...options, baseDir: root, tsConfig: hasTsConfig ? { fileName: tsConfigFile } : undefined },
    {},
    hasTsConfig ? { tsConfig: extractTSConfig(tsConfigFile) } : {},
  );
  if (typeof result.output === "string") throw new Error("dependency-cruiser returned a report, not a result");
  const { modules, summary } = result.output;
  return {
    modules: modules.length,
    problems: [...ruleViolations(summary.violations, options.ruleSet.forbidden), ...areaCycles(modules)],
  };
}

function ruleViolations(violations, rules) {
  const comments = new Map(rules.map((rule) => [rule.name, rule.comment]));
  const seenCycles = new Set();
  const problems = [];
  for (const violation of violations) {
    const rule = violation.rule.name;
    if (violation.cycle) {
      // Reported once per module on the cycle: keep one.
      const path = [violation.from, ...violation.cycle.map((step) => step.name)];
      const key = [...new Set(path)].sort().join("\n");
      if (seenCycles.has(key)) continue;
      seenCycles.add(key);
      problems.push({ rule, from: violation.from, to: violation.to, message: `${rule}: ${path.join(" → ")}` });
      continue;
    }
    const why = comments.get(rule);
    problems.push({
      rule,
      from: violation.from,
      to: violation.to,
      message: `${rule}: ${violation.from} → ${violation.to}${why ? `\n    ${why}` : ""}`,
    });
  }
  return problems;
}

/**
 * Collapses the production modules of lib/ to areas and reports every strongly connected
 * component of more than one area, with the file → file imports that connect its areas.
 */
function areaCycles(modules) {
  const isLibProduction = (file) => areaOf(file) !== null && !notProduction.test(file);
  /** area → area → the imports that make that edge */
  const graph = new Map();
  for (const { source, dependencies } of modules) {
    if (!isLibProduction(source)) continue;
    const from = areaOf(source);
    if (!graph.has(from)) graph.set(from, new Map());
    for (const dependency of dependencies) {
      if (!isLibProduction(dependency.resolved)) continue;
      const to = areaOf(dependency.resolved);
      if (to === from) continue;
      const edges = graph.get(from);
      if (!edges.has(to)) edges.set(to, []);
      edges.get(to).push(`${source} → ${dependency.resolved}`);
    }
  }
  return stronglyConnected(graph)
    .filter((component) => component.length > 1)
    .map((component) => {
      const areas = component.sort();
      const members = new Set(areas);
      const imports = areas.flatMap((from) =>
        [...graph.get(from)].filter(([to]) => members.has(to)).flatMap(([, edges]) => edges),
      );
      return {
        rule: "no-area-cycle",
        areas,
        imports,
        message:
          `no-area-cycle: lib/ areas ${areas.join(", ")} import each other (through these imports):\n` +
          imports.map((edge) => `    ${edge}`).join("\n"),
      };
    });
}

/** Tarjan's algorithm: the strongly connected components of a directed graph. */
function stronglyConnected(graph) {
  const nodes = new Set([...graph.keys(), ...[...graph.values()].flatMap((edges) => [...edges.keys()])]);
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const components = [];
  let next = 0;
  const visit = (node) => {
    index.set(node, next);
    low.set(node, next);
    next += 1;
    stack.push(node);
    onStack.add(node);
    for (const to of graph.get(node)?.keys() ?? []) {
      if (!index.has(to)) {
        visit(to);
        low.set(node, Math.min(low.get(node), low.get(to)));
      } else if (onStack.has(to)) {
        low.set(node, Math.min(low.get(node), index.get(to)));
      }
    }
    if (low.get(node) === index.get(node)) {
      const component = [];
      let member;
      do {
        member = stack.pop();
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      components.push(component);
    }
  };
  for (const node of [...nodes].sort()) if (!index.has(node)) visit(node);
  return components;
}

async function main() {
  process.chdir(repoRoot);
  const started = performance.now();
  const { modules, problems } = await checkLayers();
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (problems.length > 0) {
    for (const problem of problems) console.error(`✗ ${problem.message}`);
    console.error(
      `\nlayers: ${problems.length} problem(s) in ${modules} modules (${seconds} s). See ARCHITECTURE.md, "Layers".`,
    );
    process.exitCode = 1;
    return;
  }
  console.log(`layers: ${modules} modules follow the layer rules, no cycles between lib/ areas (${seconds} s)`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) await main();
