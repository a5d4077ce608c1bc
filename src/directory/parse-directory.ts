import { parseDocument } from "yaml";
import { validateDirectory, type ParseDirectoryResult } from "./directory-schema.ts";

// Apart from validateDirectory: the YAML reader is needed only for an upload or the command-line
// import, so the app loads it then, not at start-up (README, "Performance").

/** Parses and checks the YAML text; every problem comes back as one line naming entry and field. */
export function parseDirectory(yamlText: string): ParseDirectoryResult {
  const doc = parseDocument(yamlText, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return { ok: false, errors: doc.errors.map((e) => {
      const where = e.linePos?.[0];
      const message = e.message.split(" at line ")[0]!.split("\n")[0]!;
      return where ? `YAML syntax error at line ${where.line}, column ${where.col}: ${message}` : `YAML syntax error: ${message}`;
    }) };
  }
  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: 1000 });
  } catch (error) {
    return { ok: false, errors: [`YAML: ${error instanceof Error ? error.message : String(error)}`] };
  }
  return validateDirectory(raw);
}
