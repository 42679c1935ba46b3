/**
 * How long the portal keeps personal data (Law 91/2025/QH15, Decree 356/2025). The privacy page
 * renders these numbers; change them here only.
 */
export const RETENTION = {
  /** Household, member, visit, class and consent records: while the household takes part, then this many years. */
  afterProgramYears: 2,
  /** The audit log of who read or changed personal data. */
  auditLogYears: 5,
} as const;
