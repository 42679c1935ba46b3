// The public forms' limits, in a module of their own (no database import) so that the browser
// tests can read the same figures the server enforces.

/** Public form limits per client address: generous for a person, a wall for a script. */
export const SIGNUP_LIMIT = { limit: 10, windowSeconds: 600 } as const;
export const CANCEL_LIMIT = { limit: 10, windowSeconds: 600 } as const;
// A commune hall's shared connection may register several residents in a row.
export const REGISTER_LIMIT = { limit: 10, windowSeconds: 600 } as const;

/** Failed sign-ins: after this many the account (or the address) is locked until the window ends. */
export const SIGNIN_ACCOUNT_LIMIT = { limit: 5, windowSeconds: 15 * 60 } as const;
export const SIGNIN_ADDRESS_LIMIT = { limit: 30, windowSeconds: 15 * 60 } as const;
