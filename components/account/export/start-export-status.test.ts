import { describe, expect, it } from "vitest";
import { startExportStatus } from "./start-export-status";

describe("startExportStatus", () => {
  it("leaves an export made at once to the page's ready notice on screen, and tells screen readers once", () => {
    expect(startExportStatus({ ok: true, mode: "direct" })).toEqual({ message: "startedDirect", visible: false });
  });

  it("shows that a larger export is being prepared, and nothing before a start or after a refusal", () => {
    expect(startExportStatus({ ok: true, mode: "background" })).toEqual({
      message: "startedBackground",
      visible: true,
    });
    expect(startExportStatus(null)).toEqual({ message: null, visible: true });
    expect(startExportStatus({ ok: false, message: "x", fieldErrors: {} })).toEqual({ message: null, visible: true });
  });
});
