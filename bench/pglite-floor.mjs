// PGlite's own memory floor for `npm run bench`: opens PGlite on the data folder the app used (as
// src/db/client.ts opens it) and idles, run with plain `node`. Prints "ready" once open.
import { PGlite } from "@electric-sql/pglite";

const db = await PGlite.create(process.env.DATA_DIR);
await db.query("SELECT 1");
console.log("ready");
// PGlite holds no handle that keeps node running: idle until the bench stops it.
const idle = setInterval(() => undefined, 60_000);
process.on("SIGTERM", () => {
  clearInterval(idle);
  void db.close().finally(() => process.exit(0));
});
