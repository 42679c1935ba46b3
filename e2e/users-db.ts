// Users of a test's own, made directly in the e2e database (as epic-stack's e2e fixtures do) and
// removed after the test (deleteFreshUsers): a test that writes signs in as a person no other test signs in as, so
// tests running alongside never share a session, a sign-in count, a branch or a list of visits.
// The password is hashed as the app hashes it (lib/auth/password.ts); the test signs in through
// the real form (signInAs in e2e/fixtures.ts). The `freshUser` fixture (e2e/test.ts) calls these.
import { randomInt } from "node:crypto";
import type { Client } from "pg";
import { hashPassword } from "@/lib/auth/password";
import type { Role } from "@/lib/auth/roles";
import { uniqueTag, withDb } from "./training-db";

export type FreshUserOptions = {
  /** The commune's code (default: the demo commune, tu-ky). Ignored for the city role. */
  commune?: string;
  /**
   * A volunteer's or branch leader's youth branch (an id). Without it the user gets a branch of
   * their own, made here and deleted with them, so the demo branches are left as they were.
   */
  branchId?: number;
  /** The display name (default: a unique one naming the role). */
  name?: string;
  /** A proven phone number (app_user.phone), which signs in as the username does. */
  phone?: string;
};

export type FreshUser = {
  id: number;
  username: string;
  password: string;
  name: string;
  role: Role;
  communeId: number | null;
  /** The volunteer's or leader's branch (`own`: made for this user, deleted with them), else null. */
  branch: { id: number; name: string; own: boolean } | null;
};

const ROLE_NAME: Record<Role, string> = {
  resident: "Người Dân Thử",
  volunteer: "Đoàn Viên Thử",
  branch_leader: "Bí Thư Thử",
  official: "Cán Bộ Thử",
  admin: "Quản Trị Thử",
  city: "Sở Thử",
};

export async function createFreshUser(role: Role, options: FreshUserOptions = {}): Promise<FreshUser> {
  const tag = uniqueTag();
  const username = `e2e-${role.replace("_", "-")}-${tag.toLowerCase()}-${randomInt(1000)}`;
  const password = `Mật khẩu riêng ${tag}`;
  const name = options.name ?? `${ROLE_NAME[role]} ${tag}`;
  const passwordHash = await hashPassword(password);
  return withDb(async (c) => {
    await c.query("BEGIN");
    try {
      const communeId =
        role === "city"
          ? null
          : ((await c.query(`SELECT id FROM commune WHERE code = $1`, [options.commune ?? "tu-ky"])).rows[0].id as number);
      const id = (
        await c.query(
          `INSERT INTO app_user (commune_id, username, phone, name, role, password_hash) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
          [communeId, username, options.phone ?? null, name, role, passwordHash],
        )
      ).rows[0].id as number;
      let branch: FreshUser["branch"] = null;
      if (role === "volunteer" || role === "branch_leader") {
        branch = options.branchId === undefined ? await makeBranch(c, communeId!, tag) : await branchNamed(c, options.branchId);
        await c.query(
          `INSERT INTO volunteer_profile (user_id, commune_id, branch_id, is_leader, joined_on) VALUES ($1, $2, $3, $4, CURRENT_DATE)`,
          [id, communeId, branch.id, role === "branch_leader"],
        );
      }
      await c.query("COMMIT");
      return { id, username, password, name, role, communeId, branch };
    } catch (err) {
      await c.query("ROLLBACK");
      throw err;
    }
  });
}

async function makeBranch(c: Client, communeId: number, tag: string) {
  const name = `Chi đoàn Thử ${tag}`;
  const id = (await c.query(`INSERT INTO youth_branch (commune_id, name) VALUES ($1, $2) RETURNING id`, [communeId, name]))
    .rows[0].id as number;
  return { id, name, own: true };
}

async function branchNamed(c: Client, id: number) {
  const name = (await c.query(`SELECT name FROM youth_branch WHERE id = $1`, [id])).rows[0].name as string;
  return { id, name, own: false };
}

/**
 * Removes the users and what exists only because of them: their visits, assignments, walk-list
 * places, shifts and volunteer profiles, then the branches made for them. A user the audit trail
 * names as an actor stays, closed as the app closes an erased account (inactive, sessions ended,
 * no login): the trail is append-only (Law 91/2025), so its rows keep naming who acted. Any other
 * user is deleted (consents and codes go with them; other rows that named them keep a null).
 */
export async function deleteFreshUsers(users: readonly FreshUser[]): Promise<void> {
  const ids = users.map((u) => u.id);
  const branches = users.flatMap((u) => (u.branch?.own ? [u.branch.id] : []));
  await withDb(async (c) => {
    await c.query("BEGIN");
    try {
      await c.query(`DELETE FROM walk_list_volunteer WHERE user_id = ANY($1::int[])`, [ids]);
      await c.query(`DELETE FROM campaign_shift WHERE user_id = ANY($1::int[])`, [ids]);
      await c.query(`DELETE FROM visit_co_volunteer WHERE user_id = ANY($1::int[])`, [ids]);
      await c.query(`DELETE FROM visit WHERE volunteer_id = ANY($1::int[])`, [ids]);
      await c.query(`DELETE FROM assignment WHERE volunteer_id = ANY($1::int[]) OR assigned_by_id = ANY($1::int[])`, [ids]);
      await c.query(`DELETE FROM volunteer_profile WHERE user_id = ANY($1::int[])`, [ids]);
      await c.query(
        `UPDATE app_user SET active = false, session_version = session_version + 1, username = NULL, phone = NULL
         WHERE id = ANY($1::int[]) AND EXISTS (SELECT 1 FROM audit_log a WHERE a.actor_id = app_user.id)`,
        [ids],
      );
      await c.query(
        `DELETE FROM app_user WHERE id = ANY($1::int[]) AND NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.actor_id = app_user.id)`,
        [ids],
      );
      if (branches.length > 0) {
        // A campaign the test made with the branch keeps its other branches; families the branch
        // adopted are left unadopted (digital_family.branch_id is set null).
        await c.query(`DELETE FROM campaign_branch WHERE branch_id = ANY($1::int[])`, [branches]);
        await c.query(`DELETE FROM youth_branch WHERE id = ANY($1::int[])`, [branches]);
      }
      await c.query("COMMIT");
    } catch (err) {
      await c.query("ROLLBACK");
      throw new Error(`could not remove the test's users ${ids.join(", ")}: ${err instanceof Error ? err.message : err}`);
    }
  });
}
