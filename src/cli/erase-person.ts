import { erasePerson } from "../db/personal-data.ts";
import { slackIdArgument, withCliDatabase } from "./open-cli-database.ts";

/**
 * `npm run erase -- <SlackID>`: erases a person (DSGVO Art. 17) for the operator, whether they are
 * active or were deactivated by an import; the same erasure as `/sparring löschen`. The Slack
 * messages and files that named them are queued in the outbox: the running app overwrites and
 * deletes them. Exit codes: 0 erased, 1 not stored (or already erased) or database problem, 2 usage.
 */
const usage = "usage: npm run erase -- <SlackID>   (database: DATABASE_URL, or DATA_DIR, default ./data)";

async function main(args: string[]): Promise<number> {
  const slackId = slackIdArgument(args, usage);
  if (!slackId) return 2;
  return withCliDatabase("erasure failed, nothing was changed", async (db) => {
    const result = await erasePerson(db.prisma, { slackId }, null, new Date());
    if (!result.erased) {
      process.stderr.write(`${slackId} is not stored (never, or already erased); nothing to do\n`);
      return 1;
    }
    process.stdout.write(
      `Erased ${slackId}: ${result.requests} request(s) anonymised, ${result.slackCopies} Slack message(s)/file(s) queued ` +
        "for overwrite or deletion (the running app's outbox delivers them); a suppression entry keeps a re-import from adding them again.\n",
    );
    return 0;
  });
}

process.exitCode = await main(process.argv.slice(2));
