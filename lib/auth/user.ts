import { forbidden } from "@/lib/validation/refusal";
import type { Role } from "@/lib/auth/roles";

/** The signed-in user as lib functions receive it: every function takes it first and scopes by it. */
export type CurrentUser = {
  id: number;
  name: string;
  role: Role;
  communeId: number | null;
  memberId: number | null;
  username: string | null;
  /** The account's proven phone number, null until proven: the only number anything is matched by. */
  phone: string | null;
};

/** The user's commune, refusing users that have none (the city role). */
export function communeOf(user: CurrentUser): number {
  if (user.communeId === null) forbidden();
  return user.communeId;
}
