import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readOrCreateFile } from "./data-folder-file";

const folder = () => mkdtempSync(path.join(tmpdir(), "tillit-file-once-"));

describe("readOrCreateFile", () => {
  it("creates a missing file (and its folder) with the content, readable by the owner only", () => {
    const file = path.join(folder(), "nested", "secret");
    expect(readOrCreateFile(file, () => "first\n")).toBe("first\n");
    expect(readFileSync(file, "utf8")).toBe("first\n");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(path.dirname(file))).toEqual(["secret"]);
  });

  it("keeps what is there and does not make new content", () => {
    const file = path.join(folder(), "secret");
    writeFileSync(file, "kept");
    let made = 0;
    expect(
      readOrCreateFile(file, () => {
        made += 1;
        return "new";
      }),
    ).toBe("kept");
    expect(made).toBe(0);
  });

  it("when another process creates the file while this one prepares its own, both use the other's", () => {
    const dir = folder();
    const file = path.join(dir, "secret");
    const content = readOrCreateFile(file, () => {
      writeFileSync(file, "theirs", { flag: "wx" });
      return "mine";
    });
    expect(content).toBe("theirs");
    expect(readFileSync(file, "utf8")).toBe("theirs");
    // The temporary file is gone either way.
    expect(readdirSync(dir)).toEqual(["secret"]);
  });
});
