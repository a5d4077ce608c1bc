/** Helpers for the leads' end-to-end tests: uploaded files by name, CSV sums, bulk data. */
import type { Prisma } from "../../src/db/client.ts";
import type { FakeSlack } from "../support/fake-slack.ts";
import { parseCsv } from "../reports/parse-csv.ts";

export interface UploadedFile {
  title: string;
  channel: string;
  bytes: Buffer;
  /** The text without the BOM. */
  text: string;
}

/**
 * Files that went through the external upload flow (getUploadURLExternal → upload →
 * completeUploadExternal), by title, for completions matching `channel`.
 */
export async function uploadedFiles(slack: FakeSlack, channel: string, count: number): Promise<Map<string, UploadedFile>> {
  await slack.waitFor("files.completeUploadExternal", (c) => c.args.channel_id === channel, 5000);
  const files = new Map<string, UploadedFile>();
  const uploads = slack.uploads();
  for (const call of slack.calls("files.completeUploadExternal").filter((c) => c.args.channel_id === channel)) {
    for (const f of call.args.files as Array<{ id: string; title: string }>) {
      const upload = uploads.find((u) => u.fileId === f.id);
      if (!upload) throw new Error(`file ${f.id} completed but never uploaded`);
      const text = upload.bytes.toString("utf8");
      files.set(f.title, { title: f.title, channel, bytes: upload.bytes, text: text.replace(/^\uFEFF/, "") });
    }
  }
  if (files.size !== count) throw new Error(`expected ${count} files in ${channel}, got ${[...files.keys()].join(", ")}`);
  return files;
}

/** Rows of a CSV file as records by header. */
export function csvRecords(file: UploadedFile): Array<Record<string, string>> {
  const [header, ...rows] = parseCsv(file.text);
  return rows.map((row) => Object.fromEntries(header!.map((h, i) => [h, row[i] ?? ""])));
}

export const fileNamed = (files: Map<string, UploadedFile>, prefix: string): UploadedFile => {
  const found = [...files.values()].find((f) => f.title.startsWith(prefix));
  if (!found) throw new Error(`no file ${prefix}* among ${[...files.keys()].join(", ")}`);
  return found;
};

/** The three accounting files' held units: per session row, and the "Summe" rows of partners and municipalities. */
export function heldSums(files: Map<string, UploadedFile>): { sessions: number; partners: number; municipalities: number; partnerRows: number } {
  const held = "Durchgeführte Einheiten im Zeitraum";
  const sessions = csvRecords(fileNamed(files, "sparring-termine_"));
  const partners = csvRecords(fileNamed(files, "sparring-partner_"));
  const municipalities = csvRecords(fileNamed(files, "sparring-kommunen_"));
  const sumRow = (rows: Array<Record<string, string>>) => rows.find((r) => Object.values(r)[0] === "Summe");
  return {
    sessions: sessions.reduce((s, r) => s + Number(r[held]), 0),
    partners: Number(sumRow(partners)?.[held]),
    municipalities: Number(sumRow(municipalities)?.[held]),
    partnerRows: partners.filter((r) => Object.values(r)[0] !== "Summe").reduce((s, r) => s + Number(r[held]), 0),
  };
}

/** `count` eligible, unused municipalities in one statement. */
export async function bulkMunicipalities(prisma: Prisma, count: number): Promise<void> {
  await prisma.municipality.createMany({
    data: Array.from({ length: count }, (_, i) => ({
      key: `bulk-${String(i).padStart(3, "0")}`,
      name: `Gemeinde Massenhausen ${String(i).padStart(3, "0")}`,
      kind: "Kommune" as const,
      cohort: "2020/21",
    })),
  });
}

/** `count` active partners in two statements. */
export async function bulkPartners(prisma: Prisma, count: number): Promise<void> {
  const people = Array.from({ length: count }, (_, i) => ({ slackId: `UBULKP${String(i).padStart(4, "0")}`, name: `Bulk Partnerin ${String(i).padStart(3, "0")}` }));
  await prisma.person.createMany({ data: people });
  const rows = await prisma.person.findMany({ where: { slackId: { startsWith: "UBULKP" } }, select: { id: true } });
  await prisma.partnerProfile.createMany({ data: rows.map((r) => ({ personId: r.id, topics: ["surveys"], formats: ["video" as const] })) });
}
