/** A strict RFC 4180 reader for the tests (`;`, CRLF, quotes doubled); fails on anything else. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let i = 0;
  const endCell = () => { row.push(cell); cell = ""; };
  while (i < text.length) {
    if (text[i] === '"' && cell === "") {
      i += 1;
      for (;;) {
        const next = text.indexOf('"', i);
        if (next < 0) throw new Error("unterminated quote");
        cell += text.slice(i, next);
        if (text[next + 1] === '"') { cell += '"'; i = next + 2; } else { i = next + 1; break; }
      }
      if (i < text.length && text[i] !== ";" && text[i] !== "\r") throw new Error(`text after closing quote at ${i}`);
    } else if (text[i] === ";") {
      endCell(); i += 1;
    } else if (text[i] === "\r") {
      if (text[i + 1] !== "\n") throw new Error(`bare CR at ${i}`);
      endCell(); rows.push(row); row = []; i += 2;
    } else if (text[i] === "\n") {
      throw new Error(`bare LF outside quotes at ${i}`);
    } else {
      cell += text[i]; i += 1;
    }
  }
  if (cell !== "" || row.length > 0) throw new Error("last record without CRLF");
  return rows;
}

/** The file without BOM as records of header → cell. */
export function csvRecords(text: string): { header: string[]; records: Array<Record<string, string>> } {
  if (!text.startsWith("\uFEFF")) throw new Error("no BOM");
  const [header, ...rows] = parseCsv(text.slice(1));
  if (!header) throw new Error("empty file");
  return { header, records: rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ""]))) };
}

export const sumOf = (records: Array<Record<string, string>>, column: string) =>
  records.reduce((total, r) => total + Number(r[column]), 0);
