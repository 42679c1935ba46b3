// How long the volunteer's offline copy lives on the phone, and how much it holds and sends.
// Shared by the phone's store (which deletes an older copy), the privacy notice and docs/decisions
// (the number is stated to people).

/** Days the households and walk lists kept on the phone live without a refresh from the server. */
export const OFFLINE_KEEP_DAYS = 7;

/**
 * Visits kept on the phone go to the server this many at a time, in one request. Here rather than
 * beside the batch's schema (lib/visits/schemas.ts) so that the phone's sync, loaded on every
 * volunteer page, does not bring zod with it.
 */
export const QUEUE_BATCH = 30;

/** Households one phone keeps at most: a volunteer's assignments and today's walk lists fit easily. */
export const OFFLINE_PACK_MAX_HOUSEHOLDS = 300;
