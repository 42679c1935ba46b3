// Names shared by the service worker (sw/sw.ts) and the pages.

/** The offline screen the worker keeps and opens for any page asked for with no connection. */
export const SHELL_PATH = "/volunteer/offline";
/** The worker's cache holding that screen (per signed-in user: emptied at sign-out). */
export const SHELL_CACHE = "cds-shell";
/** The worker's cache of the build's hashed scripts, styles and fonts, and the icons. */
export const STATIC_CACHE = "cds-static";
