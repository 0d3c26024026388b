// ESLint 9 flat config. Next 16 has no `next lint`: `npm run lint` calls eslint directly,
// then scripts/check-layers.mjs (the import rules between layers, see ARCHITECTURE.md).
import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";
import reactHooks from "eslint-plugin-react-hooks";

export default defineConfig([
  ...nextVitals,
  ...nextTypescript,
  // eslint-config-next already turns these on; listed so that the React Hooks rules
  // (including the React Compiler ones such as set-state-in-effect) do not depend on it.
  reactHooks.configs.flat.recommended,
  {
    rules: {
      // `const { secret: _, ...rest } = row` is how a field is left out of a DTO.
      "@typescript-eslint/no-unused-vars": ["warn", { ignoreRestSiblings: true }],
    },
  },
  {
    // A customer scope is made by customerScope's own helpers only (withStaffAccess after the
    // access is logged, systemScope for a named process): a cast elsewhere would forge one.
    files: ["**/*.ts", "**/*.tsx"],
    ignores: ["lib/auth/customer-scope.ts", "lib/access-log/with-staff-access.ts", "**/*.test.ts"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector: "TSAsExpression > TSTypeReference[typeName.name=/^(StaffAccessScope|SystemScope|CustomerScope)$/]",
          message: "Never cast to a customer scope: get one from withStaffAccess or systemScope, or pass the actor.",
        },
      ],
    },
  },
  {
    // CommonJS configuration files (.dependency-cruiser.cjs) load their helpers with require().
    files: ["**/*.cjs"],
    languageOptions: { sourceType: "commonjs" },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    // Playwright fixtures hand their value on with a callback named `use`; no React here.
    files: ["e2e/**"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
  {
    // A component gets configuration from its props or from lib/; reading the
    // environment in components/ would also inline it into client bundles.
    // (Also catches `process["env"]` and `const { env } = process`.)
    files: ["components/**"],
    rules: {
      "no-restricted-properties": [
        "error",
        {
          object: "process",
          property: "env",
          message: "Components never read process.env: pass the value in from lib/ or a page.",
        },
      ],
    },
  },
  {
    // A value imported from a zod schema module pulls all of zod (~30 kB gzip) into the
    // JavaScript of every page that shows the component. Components take only types from
    // schema modules; the constants a form needs live in a zod-free module beside its
    // schema (lib/profile/address-options.ts, lib/consent/withdrawal-reasons.ts).
    files: ["components/**"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          paths: [{ name: "zod", allowTypeImports: true, message: "Validate on the server (an action's schema)." }],
          patterns: [
            {
              group: ["@/lib/**/*-schema", "@/lib/export/export-form", "zod/*"],
              allowTypeImports: true,
              message: "Import only types from a schema module; move a constant the form needs to a zod-free module.",
            },
          ],
        },
      ],
    },
  },
  globalIgnores([
    ".next/**",
    "out/**",
    "build/**",
    "next-env.d.ts",
    ".data/**",
    "db/migrations/**",
    "test-results/**",
    "playwright-report/**",
    "bench/results/**",
  ]),
]);
