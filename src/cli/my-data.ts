import { exportPersonalData } from "../db/personal-data.ts";
import { openCliDatabase } from "./open-cli-database.ts";

/**
 * `npm run my-data -- <SlackID>`: prints everything stored about a person (DSGVO Art. 15) as JSON
 * on stdout, for the operator to hand over; the same export as `/sparring meine-daten`, also for
 * people an import deactivated. Exit codes: 0 printed, 1 not stored or database problem, 2 usage.
 */
const usage = "usage: npm run my-data -- <SlackID> > data.json   (database: DATABASE_URL, or DATA_DIR, default ./data)";

async function main(args: string[]): Promise<number> {
  const words = args.filter((a) => a !== "--");
  const slackId = words[0];
  if (words.length !== 1 || !slackId || !/^[UW][A-Z0-9]{2,}$/.test(slackId)) {
    process.stderr.write(`${usage}\n`);
    return 2;
  }
  const opened = await openCliDatabase();
  if (!opened) return 1;
  const { db } = opened;
  try {
    const data = await exportPersonalData(db.prisma, slackId);
    if (!data) {
      process.stderr.write(`nothing is stored about ${slackId}\n`);
      return 1;
    }
    process.stdout.write(`${JSON.stringify(data, null, 2)}\n`);
    return 0;
  } catch (error) {
    process.stderr.write(`export failed: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  } finally {
    await db.close();
  }
}

process.exitCode = await main(process.argv.slice(2));
