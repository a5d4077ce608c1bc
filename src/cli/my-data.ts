import { exportPersonalData } from "../db/personal-data.ts";
import { slackIdArgument, withCliDatabase } from "./open-cli-database.ts";

/**
 * `npm run my-data -- <SlackID>`: prints everything stored about a person (DSGVO Art. 15) as JSON
 * on stdout, for the operator to hand over; the same export as `/sparring meine-daten`, also for
 * people an import deactivated. Exit codes: 0 printed, 1 not stored or database problem, 2 usage.
 */
const usage = "usage: npm run my-data -- <SlackID> > data.json   (database: DATABASE_URL, or DATA_DIR, default ./data)";

async function main(args: string[]): Promise<number> {
  const slackId = slackIdArgument(args, usage);
  if (!slackId) return 2;
  return withCliDatabase("export failed", async (db) => {
    const data = await exportPersonalData(db.prisma, slackId);
    if (!data) {
      process.stderr.write(`nothing is stored about ${slackId}\n`);
      return 1;
    }
    process.stdout.write(`${JSON.stringify(data, null, 2)}\n`);
    return 0;
  });
}

process.exitCode = await main(process.argv.slice(2));
