import UAParser from "ua-parser-js";

export type UserAgentSummary = { browser: string | null; os: string | null };

function named(name: string | undefined, version: string | undefined): string | null {
  if (!name) return null;
  return version ? `${name} ${version}` : name;
}

/** Browser (with major version) and operating system, for a person to recognise a device. */
export function describeUserAgent(userAgent: string | null): UserAgentSummary {
  if (!userAgent) return { browser: null, os: null };
  const result = new UAParser(userAgent).getResult();
  return {
    browser: named(result.browser.name, result.browser.version?.split(".")[0]),
    os: named(result.os.name, result.os.version),
  };
}
