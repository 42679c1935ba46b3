// The role the running portal connects as (migration 20261205000000_runtime_role,
// docs/decisions/0010). Migrations, seeding and pg-boss's schema run as the database's owner;
// then the portal's server gets a connection string for "congdanso_app", which may read and write
// rows but not change the schema, drop the audit trail's append-only trigger or rewrite the trail.
import "server-only";
import { createHmac } from "node:crypto";
import pg from "pg";

export const RUNTIME_ROLE = "congdanso_app";

/**
 * The role's password: derived from AUTH_SECRET, so every app server of one deployment computes
 * the same one with no extra setting, and it changes when the secret is rotated.
 */
export function runtimePassword(authSecret: string): string {
  return createHmac("sha256", authSecret).update("congdanso_app database password").digest("base64url");
}

/**
 * `url` (a pooler's address, a replica's) with the credentials of `from` (the runtime role's
 * connection): every connection the portal opens is the same role, wherever it goes.
 */
export function withCredentialsOf(url: string, from: string): string {
  const target = new URL(url);
  const source = new URL(from);
  target.username = source.username;
  target.password = source.password;
  return target.toString();
}

export type RuntimeConnection = { url: string; role: typeof RUNTIME_ROLE } | { url: string; role: null; reason: string };

/**
 * Re-applies the runtime role's rights and sets its password, as the owner at `ownerUrl`, and
 * returns the connection string the portal should use. When the role cannot be used (the owner
 * may not create roles, e.g. on a managed server), returns the owner's string and why.
 */
export async function prepareRuntimeRole(ownerUrl: string, authSecret: string | undefined): Promise<RuntimeConnection> {
  if (!authSecret) return { url: ownerUrl, role: null, reason: "AUTH_SECRET is not set" };
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ ok: boolean }>("SELECT congdanso_grant_runtime_rights() AS ok");
    if (!rows[0]?.ok) return { url: ownerUrl, role: null, reason: `the role ${RUNTIME_ROLE} does not exist` };
    const password = runtimePassword(authSecret);
    try {
      await client.query(`ALTER ROLE ${RUNTIME_ROLE} PASSWORD ${client.escapeLiteral(password)}`);
    } catch (err) {
      return { url: ownerUrl, role: null, reason: `cannot set ${RUNTIME_ROLE}'s password: ${(err as Error).message}` };
    }
    const url = new URL(ownerUrl);
    url.username = RUNTIME_ROLE;
    url.password = password;
    return { url: url.toString(), role: RUNTIME_ROLE };
  } finally {
    await client.end();
  }
}
