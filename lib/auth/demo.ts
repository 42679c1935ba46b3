import type { Role } from "@/lib/auth/roles";

// The demo accounts (README, and the sign-in page in demo mode only). One shared password.
export const DEMO_PASSWORD = "congdanso";

export const DEMO_ACCOUNTS: readonly { username: string; role: Role }[] = [
  { username: "admin", role: "admin" },
  { username: "official", role: "official" },
  { username: "leader", role: "branch_leader" },
  { username: "volunteer", role: "volunteer" },
  { username: "resident", role: "resident" },
  { username: "city", role: "city" },
];

export function isDemoMode(): boolean {
  return process.env.DEMO_MODE === "1";
}
