// Reading a commune's household or member list (CSV or XLSX) with the table reader every import
// shares (lib/imports/table), at the sizes a commune's whole registry has.
import { readUpload, type ImportFailure, type TableLimits, type UploadedTable } from "@/lib/imports/table";

export const ONBOARDING_MAX_BYTES = 5 * 1024 * 1024;
/** Data rows per file: a commune of 20,000 people in one list. */
export const ONBOARDING_MAX_ROWS = 20_000;

export const ONBOARDING_LIMITS: TableLimits = {
  maxBytes: ONBOARDING_MAX_BYTES,
  maxRows: ONBOARDING_MAX_ROWS,
  // Police and program lists carry many columns; those past 40 are not read.
  maxColumns: 40,
  // 20,000 rows of 12 columns written by Excel or ExcelJS unpack to about 12 MB; 40 columns to
  // about 40 MB. The cap still refuses a zip bomb long before memory is at risk (it is counted
  // while unpacking, nothing is kept).
  maxUnpackedBytes: 64 * 1024 * 1024,
};

/**
 * Reads an uploaded list: XLSX (first sheet, streamed, formulas as their saved values, dates as
 * "YYYY-MM-DD") or CSV (UTF-8 with or without BOM, UTF-16, `,` `;` or tab), TCVN3 text converted.
 * Failures are keys in `onboarding.errors`.
 */
export function readCommuneList(file: unknown): Promise<UploadedTable | ImportFailure> {
  return readUpload(file, { limits: ONBOARDING_LIMITS, dates: "day", legacyText: true });
}
