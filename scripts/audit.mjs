// Dependency gate for CI: `npm audit` (high and above fails), plus the security floor
// for the packages with known advisories, checked offline against what is installed.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";

const floor = {
  next: "16.3.3",
  react: "19.2.8",
  "react-dom": "19.2.8",
  "next-auth": "5.0.0-beta.30",
  nodemailer: "8.0.5",
};

function parse(version) {
  const [core, pre = ""] = version.split("-");
  return { parts: core.split(".").map(Number), pre };
}
function atLeast(version, minimum) {
  const a = parse(version);
  const b = parse(minimum);
  for (let i = 0; i < 3; i++) if (a.parts[i] !== b.parts[i]) return a.parts[i] > b.parts[i];
  if (a.pre === b.pre) return true;
  if (!a.pre) return true; // a release is above its pre-releases
  if (!b.pre) return false;
  const [an, bn] = [Number(a.pre.split(".").pop()), Number(b.pre.split(".").pop())];
  return an >= bn;
}

let failed = false;
const lock = JSON.parse(readFileSync("package-lock.json", "utf8"));
for (const [name, minimum] of Object.entries(floor)) {
  const installed = lock.packages[`node_modules/${name}`]?.version;
  if (!installed || !atLeast(installed, minimum)) {
    console.error(`security floor: ${name} ${installed ?? "missing"} is below ${minimum}`);
    failed = true;
  } else console.log(`security floor: ${name} ${installed} >= ${minimum}`);
}

let report;
try {
  report = JSON.parse(
    execFileSync("npm", ["audit", "--omit=dev", "--json"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }),
  );
} catch (error) {
  // npm audit exits non-zero when it finds anything; its JSON is still on stdout.
  report = JSON.parse(error.stdout || "{}");
}
const counts = report?.metadata?.vulnerabilities;
if (counts) {
  const serious = (counts.high ?? 0) + (counts.critical ?? 0);
  console.log(`npm audit: ${JSON.stringify(counts)}`);
  if (serious > 0) {
    console.error("npm audit: high or critical advisories in production dependencies (run `npm audit --omit=dev`).");
    failed = true;
  }
} else {
  // This machine's registry mirror answers the advisory endpoint with 405.
  console.warn(
    `npm audit: advisory service unavailable (${report?.statusCode ?? report?.message ?? "no answer"}); only the floor above was checked.`,
  );
}
process.exit(failed ? 1 : 0);
