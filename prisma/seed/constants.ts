// The demo's fixed facts: its sign-ins, the model commune and the city contest. The seed's steps
// and the city benchmark's seed (bench/lib/city-seed.ts) read them; prisma/seed/demo.ts exports them.
import { DEMO_PASSWORD } from "@/lib/auth/demo";
import type { Role } from "@/lib/generated/prisma/client";

export { DEMO_PASSWORD };

export type DemoUser = { username: string; role: Role; nameVi: string };

/** One sign-in per role, all with DEMO_PASSWORD. */
export const DEMO_USERS = [
  { username: "admin", role: "admin", nameVi: "Phạm Minh Tuấn" },
  { username: "official", role: "official", nameVi: "Trần Thị Thu Hà" },
  { username: "leader", role: "branch_leader", nameVi: "Vũ Đức Anh" },
  { username: "volunteer", role: "volunteer", nameVi: "Lê Thị Mai Anh" },
  { username: "resident", role: "resident", nameVi: "Hoàng Văn Thắng" },
  { username: "city", role: "city", nameVi: "Sở Khoa học và Công nghệ Hải Phòng" },
] as const satisfies readonly DemoUser[];

export const DEMO_COMMUNE = { code: "tu-ky", name: "Xã Tứ Kỳ", province: "Thành phố Hải Phòng" } as const;
/** How Tứ Kỳ heads and signs its reports (Decree 30/2020/NĐ-CP): a commune of Hải Phòng city since 2025. */
export const DEMO_LETTERHEAD = {
  docIssuer: "ỦY BAN NHÂN DÂN XÃ TỨ KỲ",
  docSuperior: "ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG",
  docRecipient: "Ủy ban nhân dân thành phố Hải Phòng",
  docPlace: "Tứ Kỳ",
  docSignerAuthority: "TM. ỦY BAN NHÂN DÂN",
  docSignerPosition: "CHỦ TỊCH",
} as const;
export const DEMO_CONTEST = {
  code: "cong-dan-so-hp-2026",
  name: "Công dân số Hải Phòng – sử dụng thông minh, sống an toàn",
  startsOn: new Date("2026-10-11T00:00:00Z"),
  endsOn: new Date("2026-11-11T00:00:00Z"),
} as const;
/** Tứ Kỳ's participants in the city contest, first of 114 communes and wards. */
export const DEMO_CONTEST_PARTICIPANTS = 18_625;
export const VOLUNTEER_SATURDAY = "Ngày thứ bảy tình nguyện – Hỗ trợ chuyển đổi số";
