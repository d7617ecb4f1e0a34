/**
 * Rows of an Excel workbook (.xlsx) into the same sink as CSV rows: the same
 * header rules and row checks, with the sheet's row numbers as line numbers.
 */
import { InputError } from '../errors.js';
import { readXlsxRecords, XlsxError } from '../io/xlsx-input.js';
import { readHeader, type HeaderMap } from '../schema/row.js';
import { inputError, RowChecker, withoutDate, type ReadOptions, type RowSink } from './input.js';

export const OLE_MESSAGE =
  'is a password-protected (encrypted) workbook or an old-format .xls file, which tariff cannot read: in Excel, remove the password (File > Info > Protect Workbook) and save as .xlsx, or save the sheet as CSV';

export async function readXlsxRows(
  path: string,
  inputName: string,
  sheet: string | undefined,
  opts: ReadOptions,
  sink: RowSink,
): Promise<{ usedDefaultDate: boolean; records: number }> {
  const checker = new RowChecker(opts, sink);
  let header: HeaderMap | null = null;
  let records = 0;
  try {
    for await (const batch of readXlsxRecords(path, inputName, { sheet })) {
      for (const rec of batch) {
        if (header === null) {
          const h = readHeader(rec.cells);
          if (!h.ok) {
            throw new InputError(`${inputName}${sheet === undefined ? '' : ` sheet "${sheet}"`} row ${rec.line}${h.problem.column ? `, column "${h.problem.column}"` : ''}: ${h.problem.message}`);
          }
          header = withoutDate(h.header, opts.forceDate);
          sink.header(header);
          continue;
        }
        records++;
        checker.check(header, rec.cells, rec.line, rec.problem);
      }
      if (!(await sink.afterBatch())) break;
      opts.progress?.tick(records);
    }
  } catch (e) {
    if (e instanceof XlsxError) throw new InputError(e.message);
    throw inputError(e, inputName);
  }
  return { usedDefaultDate: checker.usedDefaultDate, records };
}
