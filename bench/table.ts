/** The table `npm run bench` prints: each figure beside its baseline from the same run, its target and the verdict. */
export interface Row {
  figure: string;
  app: string;
  /** The baseline measured in the same run, "–" if the target is absolute. */
  baseline: string;
  ratio: string;
  target: string;
  /** null: shown for information, no target. */
  met: boolean | null;
}

export const ms = (v: number): string => (Number.isFinite(v) ? (v >= 10_000 ? `${(v / 1000).toFixed(1)} s` : `${v.toFixed(v < 10 ? 1 : 0)} ms`) : "–");
export const mb = (bytes: number): string => (Number.isFinite(bytes) ? `${(bytes / 1_048_576).toFixed(0)} MB` : "–");
export const times = (ratio: number): string => (Number.isFinite(ratio) ? `${ratio.toFixed(2)}×` : "–");

/** A row for a part of the bench that failed: the figure is missed, the reason shown. */
export const failedRow = (figure: string, error: unknown): Row => ({
  figure, app: `failed: ${error instanceof Error ? error.message.split("\n")[0]! : String(error)}`, baseline: "–", ratio: "–", target: "–", met: false,
});

export function printTable(rows: Row[]): void {
  const header = ["figure", "Sparring", "baseline (same run)", "ratio", "target", ""];
  const cells = rows.map((r) => [r.figure, r.app, r.baseline, r.ratio, r.target, r.met === null ? "" : r.met ? "met" : "MISSED"]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => `| ${c.map((cell, i) => cell.padEnd(widths[i]!)).join(" | ")} |`;
  console.log(line(header));
  console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
  for (const c of cells) console.log(line(c));
}
