// The public forms' limits, in a module of their own (no database import) so that the browser
// tests can read the same figures the server enforces.

/** Public form limits per client address: generous for a person, a wall for a script. */
export const SIGNUP_LIMIT = { limit: 10, windowSeconds: 600 } as const;
export const CANCEL_LIMIT = { limit: 10, windowSeconds: 600 } as const;
// A commune hall's shared connection may register several residents in a row.
export const REGISTER_LIMIT = { limit: 10, windowSeconds: 600 } as const;
// /activate, each of its two steps (asking for a code; the code with the new password): a whole
// branch may activate together on the commune hall's connection.
export const ACTIVATE_LIMIT = { limit: 10, windowSeconds: 600 } as const;

/**
 * Failed sign-ins per account (the user, however the login is written). The first `limit` are
 * free; then each attempt waits `firstDelaySeconds` after the last failure, twice as long after
 * each further one, at most `maxDelaySeconds`: a slow trickle of guesses for an attacker, never
 * a long lock of the real user (docs/decisions/0008-sign-in-throttling-and-sign-out.md). The count is
 * forgotten `windowSeconds` after the last failure.
 */
export const SIGNIN_ACCOUNT_LIMIT = { limit: 5, windowSeconds: 15 * 60, firstDelaySeconds: 30, maxDelaySeconds: 5 * 60 } as const;
/** Failed sign-ins per client address: after this many the address is locked until the window ends. */
export const SIGNIN_ADDRESS_LIMIT = { limit: 30, windowSeconds: 15 * 60 } as const;
