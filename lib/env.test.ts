import { afterEach, describe, expect, it, vi } from "vitest";
import { appUrl, checkConfiguration, ConfigError, env, shouldSeedDemo } from "./env";

const production = {
  NODE_ENV: "production",
  DATABASE_URL: "postgres://db.internal/tillit",
  EMAIL_SERVER: "smtp://mail.internal:587",
  AUTH_URL: "https://tillit.example.com",
  HOST: "0.0.0.0",
  TILLIT_TRUSTED_PROXY_HOPS: "1",
  TILLIT_SEED_DEMO: "",
  TILLIT_RECEIPT_SIGNING_KEY: "(an Ed25519 PEM; checkConfiguration only checks that it is set)",
};

function given(vars: Record<string, string>) {
  for (const [key, value] of Object.entries(vars)) vi.stubEnv(key, value);
}

afterEach(() => vi.unstubAllEnvs());

describe("checkConfiguration", () => {
  it("accepts a complete production deployment", () => {
    given(production);
    expect(checkConfiguration()).toEqual([]);
  });

  it.each([
    ["no mail server", { EMAIL_SERVER: "" }, /EMAIL_SERVER is not set/],
    ["no AUTH_URL", { AUTH_URL: "" }, /AUTH_URL must be the public https address/],
    ["a plain-http public AUTH_URL", { AUTH_URL: "http://tillit.example.com" }, /AUTH_URL must be/],
    ["an AUTH_URL that is not a URL", { AUTH_URL: "tillit.example.com" }, /AUTH_URL must be/],
    ["no receipt signing key", { TILLIT_RECEIPT_SIGNING_KEY: " " }, /TILLIT_RECEIPT_SIGNING_KEY is not set/],
  ])("refuses a production deployment with %s", (_, overrides, message) => {
    given({ ...production, ...overrides });
    expect(() => checkConfiguration()).toThrow(ConfigError);
    expect(() => checkConfiguration()).toThrow(message);
  });

  it("warns when a production deployment declares no proxy in front of it", () => {
    given({ ...production, TILLIT_TRUSTED_PROXY_HOPS: "0" });
    expect(checkConfiguration()).toEqual([expect.stringMatching(/TILLIT_TRUSTED_PROXY_HOPS is 0/)]);
  });

  it("lets local demo mode listen on loopback only", () => {
    given({ NODE_ENV: "production", DATABASE_URL: "", EMAIL_SERVER: "", HOST: "127.0.0.1" });
    expect(checkConfiguration()).toEqual([]);
    vi.stubEnv("HOST", "0.0.0.0");
    expect(() => checkConfiguration()).toThrow(/sign-in links are shown on \/dev\/outbox/);
  });
});

describe("shouldSeedDemo", () => {
  it("seeds locally, not into a production deployment unless asked", () => {
    given({ NODE_ENV: "production", DATABASE_URL: "", TILLIT_SEED_DEMO: "" });
    expect(shouldSeedDemo()).toBe(true);
    given(production);
    expect(shouldSeedDemo()).toBe(false);
    vi.stubEnv("TILLIT_SEED_DEMO", "1");
    expect(shouldSeedDemo()).toBe(true);
    given({ NODE_ENV: "development", DATABASE_URL: "", TILLIT_SEED_DEMO: "0" });
    expect(shouldSeedDemo()).toBe(false);
  });
});

describe("AUTH_URL on a loopback address", () => {
  it.each([
    ["http://127.0.0.1:3000", "http://localhost:3000"],
    ["http://127.0.0.1:3000/", "http://localhost:3000"],
    ["http://[::1]:8080", "http://localhost:8080"],
    ["https://127.0.0.1", "https://localhost"],
  ])("serves %s as %s, the name Next.js gives it, so the sign-in cookie stays on one origin", (given_, used) => {
    given({ AUTH_URL: given_ });
    expect(appUrl()).toBe(used);
    expect(env().AUTH_URL).toBe(used);
    expect(checkConfiguration()).toEqual([expect.stringContaining(`is used as ${used}`)]);
  });

  it("leaves other addresses alone and says nothing about them", () => {
    given({ AUTH_URL: "http://localhost:3000/" });
    expect(appUrl()).toBe("http://localhost:3000");
    expect(checkConfiguration()).toEqual([]);
    given({ ...production, AUTH_URL: "https://tillit.example.com/" });
    expect(appUrl()).toBe("https://tillit.example.com");
    expect(checkConfiguration()).toEqual([]);
  });
});
