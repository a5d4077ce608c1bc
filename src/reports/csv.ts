import { stringify } from "csv-stringify/sync";

export type Cell = string | number | null;

/**
 * Spreadsheet programs run a cell that starts with one of these as a formula ("CSV injection"):
 * municipality or partner names come from people, so such cells get a leading apostrophe, which
 * Excel shows as text and does not evaluate.
 */
const formulaStart = /^[=+\-@\t\r]/;

export function neutraliseFormula(value: string): string {
  return formulaStart.test(value) ? `'${value}` : value;
}

/**
 * A CSV file as German Excel opens it with a double click: UTF-8 with BOM (else umlauts break),
 * `;` as separator (the German list separator), CRLF line endings and RFC 4180 quoting. csv-stringify
 * quotes `;` and `"` by itself but a bare LF or CR only when it is the record delimiter, hence
 * `quoted_match`. Numbers stay numbers; text cells are neutralised against formulas.
 */
export function toExcelCsv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const records: (readonly Cell[])[] = [header, ...rows];
  return stringify(
    records.map((row) => row.map((cell) => (typeof cell === "string" ? neutraliseFormula(cell) : cell ?? ""))),
    { delimiter: ";", record_delimiter: "\r\n", bom: true, quoted_match: /[\r\n]/ },
  );
}
