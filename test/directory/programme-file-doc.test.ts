import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseDirectory } from "../../src/directory/parse-directory.ts";

const doc = readFileSync(new URL("../../docs/programme-file.md", import.meta.url), "utf8");

describe("docs/programme-file.md", () => {
  it("shows an example the import accepts", () => {
    const section = doc.slice(doc.indexOf("## The example, section by section"));
    const yaml = [...section.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]).join("\n");
    expect(yaml).toContain("programme:");
    const result = parseDirectory(yaml);
    expect(result.ok ? [] : result.errors).toEqual([]);
  });

  it("describes every key of the programme section", () => {
    const example = readFileSync(new URL("../../examples/programme.yaml", import.meta.url), "utf8");
    const programmeKeys = [...example.split("\ntopics:")[0]!.matchAll(/^ {2}([a-z_]+):/gm)].map((m) => m[1]);
    expect(programmeKeys.length).toBeGreaterThan(10);
    for (const key of programmeKeys) expect(doc, key).toContain(`| \`${key}\``);
  });
});
