import bcrypt from "bcryptjs";

// bcrypt (pure JS, no native build or downloaded binary), cost 10: ~70 ms per check on the
// 2-core machines, which also slows password guessing.
const COST = 10;

export function hashPassword(plain: string): Promise<string> {
  return bcrypt.hash(plain, COST);
}

export function verifyPassword(plain: string, hash: string): Promise<boolean> {
  return bcrypt.compare(plain, hash);
}
