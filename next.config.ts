import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin({
  requestConfig: "./lib/i18n/request.ts",
  experimental: {
    // The catalogues are compiled when they are bundled (icu-minify), so neither the server
    // nor the browser parses ICU at runtime: client components ship a ~1 kB formatter over
    // the browser's own Intl (PluralRules, NumberFormat…) instead of intl-messageformat and
    // its parser (~12 kB gzip on every page). `t.raw` is not available with this.
    messages: { path: "./messages", format: "json", locales: "infer", precompile: true },
  },
});

const nextConfig: NextConfig = {
  // PGlite ships its own WASM and data files; bundling it breaks start-up.
  serverExternalPackages: ["@electric-sql/pglite"],
  poweredByHeader: false,
  // proxy.ts sees the request as sent: Next otherwise hides its router headers
  // (Next-Router-State-Tree…) and the `_rsc` parameter from the proxy, and a malformed
  // router state then ends in a bare 500 instead of the proxy's 400.
  skipProxyUrlNormalize: true,
  reactStrictMode: true,
};

export default withNextIntl(nextConfig);
