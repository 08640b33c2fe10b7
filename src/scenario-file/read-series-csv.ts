import { MAX_SERIES_LENGTH } from '../assets/measured-series.js';
import { ErrorCode } from '../errors/error-codes.js';
import { fail } from '../errors/watt-error.js';
import { parseExactDecimal } from '../units/exact-decimal.js';

/** Cells that mark a missing value in common exports: never a header name. */
const MISSING = new Set(['na', 'n/a', 'nan', 'null', 'none', 'nil']);

/** A cell for a message: quoted, and cut short (a message never carries a file's contents). */
function shown(cell: string): string {
  return JSON.stringify(cell.length > 24 ? `${cell.slice(0, 24)}...` : cell);
}

/** The values of a series CSV file as written (exact decimal text), each with its line number. */
export interface SeriesCsv {
  /** The values, trimmed, in file order. */
  readonly values: readonly string[];
  /** The line (from 1) of each value. */
  readonly lines: readonly number[];
}

/**
 * Reads one column of a series CSV file: the column whose header is one of `columns` (compared
 * without case), or the file's only column. A first row without any number is a header row;
 * without one, the file must have one column. Values are kept as their text, so
 * that the caller reads them exactly. Quoted cells (RFC 4180, within a line) are unquoted.
 *
 * @param text - the file's content.
 * @param name - how messages name the file (and the field it was given for).
 * @param columns - the accepted header names of the column, e.g. `['kW']`.
 * Every row must have as many cells as the first: a wider row (a decimal comma, `1,5`) or a
 * narrower one is refused, never read by its first cells.
 *
 * @throws WattError INVALID_SCENARIO naming the file and the line: no values, an empty line, a
 *   row without the column or with another number of cells than the first row, a header without
 *   the column or naming it twice, more than {@link MAX_SERIES_LENGTH} values.
 */
export function readSeriesCsv(text: string, name: string, fn: string, columns: readonly string[]): SeriesCsv {
  const rows = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  while (rows.length > 0 && (rows[rows.length - 1] as string).trim() === '') rows.pop();
  if (rows.length === 0) fail(ErrorCode.INVALID_SCENARIO, fn, `${name}: the file has no values`);
  if (rows.length > MAX_SERIES_LENGTH + 1) fail(ErrorCode.INVALID_SCENARIO, fn, `${name}: more than ${MAX_SERIES_LENGTH} values`);
  const first = splitRow(rows[0] as string, name, 1, fn);
  // A first row of names is a header: every cell starts with a letter and is no number (not even
  // NaN or Infinity) and no missing-value marker. Anything else is a row of values, refused with
  // its line when a value is bad, so a bad first value never passes for a header.
  const header = first.every((cell) => {
    if (!/^[A-Za-z_]/.test(cell) || MISSING.has(cell.toLowerCase())) return false;
    const d = parseExactDecimal(cell);
    return typeof d === 'string' && d !== 'NOT_FINITE';
  });
  let column = 0;
  if (header) {
    const wanted = columns.map((c) => c.toLowerCase());
    const at = first.findIndex((cell) => wanted.includes(cell.toLowerCase()));
    const again = first.findIndex((cell, i) => i > at && wanted.includes(cell.toLowerCase()));
    if (at >= 0 && again >= 0) fail(ErrorCode.INVALID_SCENARIO, fn, `${name} line 1: the columns ${at + 1} and ${again + 1} (${shown(first[at] as string)}, ${shown(first[again] as string)}) both name the values; keep one`);
    if (at >= 0) column = at;
    else if (first.length !== 1) fail(ErrorCode.INVALID_SCENARIO, fn, `${name} line 1: no column ${columns.join(' or ')} among ${first.slice(0, 8).map(shown).join(', ')}${first.length > 8 ? ', ...' : ''}`);
  } else if (first.length !== 1) {
    fail(ErrorCode.INVALID_SCENARIO, fn, `${name} line 1: ${first.length} columns and no header row naming the column ${columns.join(' or ')}`);
  }
  const values: string[] = [];
  const lines: number[] = [];
  for (let i = header ? 1 : 0; i < rows.length; i++) {
    const row = rows[i] as string;
    if (row.trim() === '') fail(ErrorCode.INVALID_SCENARIO, fn, `${name} line ${i + 1}: empty line`);
    const cells = i === 0 ? first : splitRow(row, name, i + 1, fn);
    const cell = cells[column];
    if (cell === undefined || cell === '') fail(ErrorCode.INVALID_SCENARIO, fn, `${name} line ${i + 1}: no value in column ${column + 1}`);
    // Every row has the first row's shape: a row read by its first cells only would hide a
    // decimal comma (`1,5` read as 1) or a shifted column.
    if (cells.length !== first.length) {
      fail(ErrorCode.INVALID_SCENARIO, fn, `${name} line ${i + 1}: ${cells.length} cells, but line 1 has ${first.length}${cells.length > first.length ? ' (a decimal comma splits a value in two: write 1.5, not 1,5)' : ''}`);
    }
    values.push(cell);
    lines.push(i + 1);
  }
  if (values.length === 0) fail(ErrorCode.INVALID_SCENARIO, fn, `${name}: the file has a header and no values`);
  return { values, lines };
}

/** The trimmed cells of one line; a cell in double quotes may hold commas and doubled quotes. */
function splitRow(row: string, name: string, line: number, fn: string): string[] {
  const cells: string[] = [];
  let i = 0;
  for (;;) {
    while (row[i] === ' ' || row[i] === '\t') i++;
    let cell: string;
    if (row[i] === '"') {
      let j = i + 1;
      cell = '';
      for (;;) {
        const q = row.indexOf('"', j);
        if (q < 0) return fail(ErrorCode.INVALID_SCENARIO, fn, `${name} line ${line}: a quoted cell is not closed`);
        cell += row.slice(j, q);
        if (row[q + 1] === '"') {
          cell += '"';
          j = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      while (row[i] === ' ' || row[i] === '\t') i++;
      if (i < row.length && row[i] !== ',') fail(ErrorCode.INVALID_SCENARIO, fn, `${name} line ${line}: text after a quoted cell`);
      cell = cell.trim();
    } else {
      const comma = row.indexOf(',', i);
      const end = comma < 0 ? row.length : comma;
      cell = row.slice(i, end).trim();
      i = end;
    }
    cells.push(cell);
    if (i >= row.length) return cells;
    i++; // past the comma
  }
}
