import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// npm (11.16+) warns on every install about dependencies whose install scripts nobody has
// reviewed, and npm 12 skips them. Each one is decided in package.json's `allowScripts`;
// this keeps the decisions complete when the lockfile changes.
const root = path.resolve(import.meta.dirname, "..");
const pkg = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as {
  allowScripts?: Record<string, boolean | string>;
};
const lock = JSON.parse(readFileSync(path.join(root, "package-lock.json"), "utf8")) as {
  packages: Record<string, { version?: string; hasInstallScript?: boolean }>;
};

const withInstallScripts = Object.entries(lock.packages)
  .filter(([, entry]) => entry.hasInstallScript)
  .map(([location, entry]) => ({
    name: location.slice(location.lastIndexOf("node_modules/") + 13),
    version: entry.version,
  }));

const nameOf = (key: string) => key.replace(/(?!^)@.*$/, "");

describe("install scripts of dependencies", () => {
  it("are each approved or denied explicitly in allowScripts", () => {
    const decided = Object.keys(pkg.allowScripts ?? {});
    const undecided = withInstallScripts.filter(
      ({ name, version }) => !decided.includes(name) && !decided.includes(`${name}@${version}`),
    );
    expect(withInstallScripts.length).toBeGreaterThan(0);
    expect(undecided).toEqual([]);
  });

  it("name only packages that are installed with an install script", () => {
    const names = new Set(withInstallScripts.map(({ name }) => name));
    expect(Object.keys(pkg.allowScripts ?? {}).filter((key) => !names.has(nameOf(key)))).toEqual([]);
  });

  it("run none that the build and the tools do not need (each one's package ships its binary separately)", () => {
    expect(pkg.allowScripts).toEqual({ "@parcel/watcher": false, "@swc/core": false, esbuild: false });
  });
});
