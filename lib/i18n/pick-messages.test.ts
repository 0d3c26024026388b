import { describe, expect, it } from "vitest";
import { en } from "@/messages";
import { pickMessages } from "./pick-messages";

const catalogue = {
  export: { start: "Start", starting: "Starting…" },
  requests: { restriction: { title: "Restrict" }, objection: { title: "Object" } },
  purposes: { on: "On", off: "Off", title: "Purposes" },
};

describe("pickMessages", () => {
  it("keeps the named namespaces, nested ones and single messages, and nothing else", () => {
    expect(pickMessages(catalogue, ["export", "requests.restriction", "purposes.on", "purposes.off"])).toEqual({
      export: { start: "Start", starting: "Starting…" },
      requests: { restriction: { title: "Restrict" } },
      purposes: { on: "On", off: "Off" },
    });
  });

  it("picks nothing from nothing", () => {
    expect(pickMessages(catalogue, [])).toEqual({});
  });

  it.each(["nope", "export.nope", "export.start.deeper"])("throws on a path that names nothing: %s", (path) => {
    expect(() => pickMessages(catalogue, [path])).toThrow(`No messages at "${path}"`);
  });

  it("works on the real catalogue", () => {
    expect(pickMessages(en, ["errorPage"])).toEqual({ errorPage: en.errorPage });
  });
});
