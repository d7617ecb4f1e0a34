/** Builds .xlsx files from hand-written XML parts, for tests of the reader (zip via the tool's own writer). */
import { writeFileSync } from 'node:fs';
import { ZipWriter } from '../src/io/zip-write.js';

export const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`;

const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** A workbook with the given sheets (name → sheetData inner XML), shared strings and styles. */
export function workbookParts(opts: { sheets: Record<string, string>; shared?: string[] | string; styles?: string; date1904?: boolean }): Record<string, string> {
  const names = Object.keys(opts.sheets);
  const parts: Record<string, string> = {
    '[Content_Types].xml': CONTENT_TYPES,
    '_rels/.rels': `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${R}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    'xl/workbook.xml': `<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${R}">${opts.date1904 ? '<workbookPr date1904="1"/>' : ''}<sheets>${names.map((n, i) => `<sheet name="${n}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets></workbook>`,
    'xl/_rels/workbook.xml.rels': `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${names
      .map((_, i) => `<Relationship Id="rId${i + 1}" Type="${R}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`)
      .join('')}<Relationship Id="rIdS" Type="${R}/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rIdT" Type="${R}/styles" Target="/xl/styles.xml"/></Relationships>`,
    'xl/styles.xml': `<?xml version="1.0"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${opts.styles ?? '<cellXfs count="1"><xf numFmtId="0"/></cellXfs>'}</styleSheet>`,
  };
  const shared = opts.shared ?? [];
  parts['xl/sharedStrings.xml'] = `<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${
    typeof shared === 'string' ? shared : shared.map((s) => `<si><t xml:space="preserve">${s}</t></si>`).join('')
  }</sst>`;
  names.forEach((n, i) => {
    parts[`xl/worksheets/sheet${i + 1}.xml`] = `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${opts.sheets[n]}</sheetData></worksheet>`;
  });
  return parts;
}

export async function writeZip(path: string, parts: Record<string, string>): Promise<void> {
  const chunks: Uint8Array[] = [];
  const zip = new ZipWriter((b) => {
    chunks.push(Buffer.from(b));
  });
  for (const [name, text] of Object.entries(parts)) zip.add(name, text);
  zip.finish();
  writeFileSync(path, Buffer.concat(chunks));
}
