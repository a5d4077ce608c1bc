import { readFileSync } from "node:fs";
import { parse, stringify } from "yaml";
import type { Directory } from "../../src/directory/directory-schema.ts";
import { parseDirectory } from "../../src/directory/parse-directory.ts";

export const examplePath = new URL("../../examples/programme.yaml", import.meta.url);
export const exampleYaml = readFileSync(examplePath, "utf8");

/** The example file as plain data, to change one thing and write it back as YAML. */
export type RawDirectory = any;

export function exampleRaw(): RawDirectory {
  return parse(exampleYaml);
}

export function toYaml(raw: RawDirectory): string {
  return stringify(raw);
}

export function errorsOf(raw: RawDirectory | string): string[] {
  const result = parseDirectory(typeof raw === "string" ? raw : toYaml(raw));
  if (result.ok) throw new Error("expected the file to be refused");
  return result.errors;
}

export function directoryOf(raw: RawDirectory): Directory {
  const result = parseDirectory(toYaml(raw));
  if (!result.ok) throw new Error(result.errors.join("\n"));
  return result.directory;
}
