import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { finished } from "node:stream/promises";
import type { CsvSink } from "./accounting-exports.ts";

/**
 * A CSV sink writing to a file: a write waits while the stream's buffer is full, so a file of a
 * million rows never sits in memory; end waits until the file is closed.
 */
export function fileSink(file: string): CsvSink {
  const stream = createWriteStream(file, { encoding: "utf8" });
  return {
    async write(part) {
      if (!stream.write(part)) await once(stream, "drain");
    },
    async end() {
      stream.end();
      await finished(stream);
    },
  };
}
