// Path patterns (relative to the repository root) shared by .dependency-cruiser.cjs and
// scripts/check-layers.mjs.

/** Test files. */
const TEST_FILE = "\\.test\\.tsx?$";
/**
 * Test support: `*.test-support.ts` files beside the area they set up, the shared harness in
 * `testing/` folders (lib/testing/**), and the tests themselves.
 */
const TEST_SUPPORT = `\\.test-support\\.tsx?$|(^|/)testing/|${TEST_FILE}`;
/** Everything that is not production code: test support, e2e/, bench/, scripts/ and the test runners' configs. */
const NOT_PRODUCTION = `${TEST_SUPPORT}|^(e2e|bench|scripts)/|^(vitest|playwright)\\.config\\.m?ts$`;

module.exports = { TEST_FILE, TEST_SUPPORT, NOT_PRODUCTION };
