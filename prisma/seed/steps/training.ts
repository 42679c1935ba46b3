// Classes of the "Bình dân học vụ số" movement: ten held in the last five months, six coming
// up, one of them joint with a neighbouring commune. Residents sign up (members of the commune's
// households or people from outside), the demo resident among them; attendance of the past ones
// is marked, with a few walk-ins.
import { addDays } from "@/lib/format/dates";
import type { BUILTIN_TRAINING_TOPICS } from "@/lib/families/defaults";
import type { TrainingAudience } from "@/lib/generated/prisma/client";
import { registrationCode } from "@/lib/training/codes";
import { atLocal, byKey, HOUR, inBatches, need } from "@/prisma/seed/helpers";
import { TRAINING_PLACES, TU_KY_NEIGHBOURS } from "@/prisma/seed/names";
import { personName, type Sex } from "@/prisma/seed/people";
import { Rng } from "@/prisma/seed/random";
import type { CommuneIds } from "@/prisma/seed/steps/commune";
import type { PlanContext, Tx } from "@/prisma/seed/steps/context";
import { RESIDENT_MEMBER, type HouseholdIds, type PHousehold } from "@/prisma/seed/steps/households";

type TrainingTopicKey = (typeof BUILTIN_TRAINING_TOPICS)[number]["key"];

export type PEvent = {
  title: string;
  topic: TrainingTopicKey;
  audience: TrainingAudience;
  description: string;
  place: string;
  startsAt: Date;
  endsAt: Date;
  capacity: number;
  past: boolean;
  partner: string | null;
  createdAt: Date;
};
export type PRegistration = {
  event: number;
  fullName: string;
  phone: string;
  member: { household: number; member: number } | null;
  user: number | null;
  status: "confirmed" | "waitlist";
  createdAt: Date;
  attended: boolean | null;
  code: string;
};
export type PWalkIn = { event: number; fullName: string };
export type PTraining = { events: PEvent[]; registrations: PRegistration[]; walkIns: PWalkIn[] };

const BDHVS = "Bình dân học vụ số";
/** The classes, the ten held first (oldest first), then the six coming up. */
const CLASSES: readonly (readonly [string, TrainingTopicKey, TrainingAudience, string])[] = [
  [
    "Nộp hồ sơ dịch vụ công trực tuyến",
    "online_services",
    "residents",
    "Tạo tài khoản, nộp hồ sơ và theo dõi kết quả trên Cổng dịch vụ công quốc gia.",
  ],
  [
    "Nhận diện lừa đảo trực tuyến, bảo vệ tài khoản ngân hàng",
    "online_safety",
    "residents",
    "Các thủ đoạn lừa đảo qua điện thoại, tin nhắn, mạng xã hội và cách phòng tránh.",
  ],
  [
    "Cài đặt và sử dụng Smart Hải Phòng",
    "digital_platforms",
    "residents",
    "Cài ứng dụng, đăng nhập bằng VNeID, phản ánh hiện trường và tra cứu thông tin.",
  ],
  [
    "Làm quen trí tuệ nhân tạo (AI) trong cuộc sống",
    "ai",
    "everyone",
    "Hỏi đáp với trợ lý AI bằng tiếng Việt, dùng AI an toàn và có trách nhiệm.",
  ],
  [
    "Bán hàng trên sàn thương mại điện tử cho hộ kinh doanh",
    "digital_platforms",
    "workers",
    "Mở gian hàng, chụp ảnh sản phẩm, nhận thanh toán và giao hàng.",
  ],
  [
    "Số hoá hồ sơ, giải quyết thủ tục hành chính trên môi trường số",
    "online_services",
    "officials",
    "Dành cho cán bộ, công chức xã: số hoá kết quả giải quyết thủ tục hành chính.",
  ],
  [
    "An toàn thông tin cá nhân trên mạng xã hội",
    "online_safety",
    "everyone",
    "Bảo vệ tài khoản, dữ liệu cá nhân và nhận diện tin giả.",
  ],
  [
    "Kỹ năng số cho người cao tuổi",
    "other",
    "residents",
    "Gọi video, đọc tin tức chính thống, dùng mã QR – hướng dẫn chậm, cầm tay chỉ việc.",
  ],
  ["Ứng dụng AI trong công việc văn phòng", "ai", "officials", "Soạn thảo, tóm tắt văn bản và tra cứu quy định với trợ lý AI."],
  [
    "Hoá đơn điện tử và kê khai thuế trực tuyến",
    "online_services",
    "workers",
    "Dành cho hộ kinh doanh: hoá đơn điện tử khởi tạo từ máy tính tiền, kê khai thuế qua eTax Mobile.",
  ],
  // upcoming
  [
    "Phòng chống lừa đảo qua điện thoại",
    "online_safety",
    "residents",
    "Những cuộc gọi giả danh công an, ngân hàng, nhà mạng: nhận biết và xử lý.",
  ],
  [
    "Hỏi đáp với trợ lý AI bằng tiếng Việt",
    "ai",
    "residents",
    "Thực hành trên điện thoại của chính mình; mang theo điện thoại đã sạc pin.",
  ],
  ["VNeID mức 2 và các tiện ích", "online_services", "everyone", "Tích hợp giấy tờ, thông báo lưu trú, ví giấy tờ trên VNeID."],
  [
    "Thanh toán QR và quản lý bán hàng",
    "digital_platforms",
    "workers",
    "Nhận tiền qua mã QR, phần mềm quản lý bán hàng miễn phí cho hộ kinh doanh.",
  ],
  ["Kỹ năng số cho phụ nữ và người cao tuổi", "other", "residents", "Phối hợp với Hội Liên hiệp Phụ nữ xã."],
  [
    "Bảo vệ dữ liệu cá nhân theo Luật 91/2025/QH15",
    "online_safety",
    "officials",
    "Những điều cán bộ cần biết khi thu thập, xử lý dữ liệu cá nhân của người dân.",
  ],
];

export function planTraining(ctx: PlanContext, households: readonly PHousehold[], residentUserIdx: number): PTraining {
  const tr = new Rng("training");
  const { events, offsets } = planClasses(ctx, tr);
  const { registrations, walkIns } = planRegistrations(ctx, tr, events, offsets, households, residentUserIdx);
  return { events, registrations, walkIns };
}

/** The classes and their days (offsets from today): the past ones two weeks apart, then weekly. */
function planClasses({ today, notAfterNow }: PlanContext, tr: Rng): { events: PEvent[]; offsets: number[] } {
  const pastOffsets = Array.from({ length: 10 }, (_, i) => -(8 + i * 15 + tr.int(0, 8)));
  const futureOffsets = Array.from({ length: 6 }, (_, i) => 3 + i * 7 + tr.int(0, 4));
  const offsets = [...pastOffsets.reverse(), ...futureOffsets];
  const events: PEvent[] = CLASSES.map(([title, topic, audience, description], i) => {
    const day = addDays(today, offsets[i]);
    const hour = tr.chance(0.5) ? 8 : 14;
    const past = i < 10;
    const joint = i === 6;
    return {
      title: `${BDHVS}: ${title}`,
      topic,
      audience,
      description: joint ? `${description} Phối hợp với ${TU_KY_NEIGHBOURS[0]}.` : description,
      place: audience === "officials" ? TRAINING_PLACES[0] : joint ? TRAINING_PLACES[1] : tr.pick(TRAINING_PLACES),
      startsAt: atLocal(day, hour),
      endsAt: atLocal(day, hour + 2, tr.chance(0.5) ? 30 : 0),
      capacity: tr.pick([30, 40, 50, 60, 80]),
      past,
      partner: joint ? TU_KY_NEIGHBOURS[0] : null,
      createdAt: notAfterNow(atLocal(addDays(day, -30), 10)),
    };
  });
  return { events, offsets };
}

/**
 * Sign-ups filling each class (the second coming up in full, with a waiting list), the demo
 * resident in three of them, attendance of the past ones and their walk-ins.
 */
function planRegistrations(
  { today, notAfterNow, phones }: PlanContext,
  tr: Rng,
  events: readonly PEvent[],
  offsets: readonly number[],
  households: readonly PHousehold[],
  residentUserIdx: number,
): { registrations: PRegistration[]; walkIns: PWalkIn[] } {
  const registrations: PRegistration[] = [];
  const walkIns: PWalkIn[] = [];
  const withPhones = households.flatMap((hh, h) =>
    hh.members.map((m, mi) => [m, h, mi] as const).filter(([m]) => m.phone !== null && m.age >= 16),
  );
  const residentM = households[0].members[RESIDENT_MEMBER];
  const residentEvents = new Map<number, boolean | null>([
    [1, true],
    [3, false],
    [12, null],
  ]);
  events.forEach((ev, e) => {
    const phonesHere = new Set<string>();
    const add = (
      r: Omit<PRegistration, "event" | "createdAt" | "attended" | "status" | "code">,
      status: PRegistration["status"] = "confirmed",
    ) => {
      phonesHere.add(r.phone);
      const signedUp = atLocal(addDays(today, offsets[e] - tr.int(1, 20)), tr.int(7, 21), tr.int(0, 59));
      const createdAt = notAfterNow(new Date(Math.min(ev.startsAt.getTime() - HOUR, signedUp.getTime())));
      const attended = ev.past
        ? r.user !== null
          ? need(residentEvents.get(e) ?? undefined, "resident attendance")
          : tr.chance(0.8)
        : null;
      registrations.push({ ...r, event: e, status, createdAt, attended, code: registrationCode(() => tr.int(0, 1_000_000)) });
    };
    if (residentEvents.has(e))
      add({
        fullName: residentM.fullName,
        phone: need(residentM.phone ?? undefined, "resident phone"),
        member: { household: 0, member: RESIDENT_MEMBER },
        user: residentUserIdx,
      });
    const fill = ev.past ? tr.int(60, 95) / 100 : e === 11 ? 1 : tr.int(20, 80) / 100;
    const count = Math.round(ev.capacity * fill);
    const pool = tr.shuffle(withPhones);
    while (registrations.filter((r) => r.event === e).length < count) {
      const fromMembers = pool.length > 0 && tr.chance(0.45);
      if (fromMembers) {
        const [m, h, mi] = pool.pop()!;
        if (phonesHere.has(m.phone!) || (h === 0 && mi === RESIDENT_MEMBER)) continue;
        add({ fullName: m.fullName, phone: m.phone!, member: { household: h, member: mi }, user: null });
      } else {
        const sex: Sex = tr.chance(0.55) ? "female" : "male";
        add({ fullName: personName(tr, sex, tr.int(18, 70)), phone: phones.next(), member: null, user: null });
      }
    }
    if (e === 11)
      for (let i = 0; i < 3; i++)
        add({ fullName: personName(tr, "female", tr.int(30, 70)), phone: phones.next(), member: null, user: null }, "waitlist");
    if (ev.past)
      for (let i = tr.int(0, 3); i > 0; i--)
        walkIns.push({ event: e, fullName: personName(tr, tr.chance(0.5) ? "male" : "female", tr.int(20, 75)) });
  });
  return { registrations, walkIns };
}

/** Classes, registrations, attendance. */
export async function writeTraining(
  tx: Tx,
  { communeId }: CommuneIds,
  { memberId }: HouseholdIds,
  userIds: readonly number[],
  { events, registrations, walkIns }: PTraining,
  { officialIdx, otherCommuneId }: { officialIdx: number; otherCommuneId: (name: string) => number },
): Promise<void> {
  const partnerId = (name: string | null) => (name === null ? null : otherCommuneId(name));
  const topicIds = new Map(
    (await tx.trainingTopic.findMany({ where: { communeId }, select: { id: true, key: true } })).map((t) => [t.key, t.id]),
  );
  const eventRows = await tx.trainingEvent.createManyAndReturn({
    data: events.map((e) => ({
      communeId,
      partnerCommuneId: partnerId(e.partner),
      title: e.title,
      topicId: need(topicIds.get(e.topic), e.topic),
      audience: e.audience,
      description: e.description,
      place: e.place,
      organiser: "Trung tâm Chính trị xã Tứ Kỳ",
      startsAt: e.startsAt,
      endsAt: e.endsAt,
      capacity: e.capacity,
      status: e.past ? "held" : "scheduled",
      createdAt: e.createdAt,
    })),
    select: { id: true, title: true },
  });
  const eventByTitle = byKey(eventRows, (e) => e.title, "event");
  const eventIds = events.map((e) => need(eventByTitle.get(e.title), e.title).id);
  const registrationRows = await inBatches(registrations, (batch) =>
    tx.registration.createManyAndReturn({
      data: batch.map((r) => ({
        communeId,
        eventId: eventIds[r.event],
        fullName: r.fullName,
        phone: r.phone,
        memberId: r.member ? memberId(r.member) : null,
        userId: r.user === null ? null : userIds[r.user],
        status: r.status,
        code: r.code,
        createdAt: r.createdAt,
      })),
      select: { id: true, eventId: true, phone: true },
    }),
  );
  const registrationByKey = byKey(registrationRows, (r) => `${r.eventId}|${r.phone}`, "registration");
  const markedById = userIds[officialIdx];
  await tx.attendance.createMany({
    data: [
      ...registrations.flatMap((r) => {
        if (r.attended === null || r.status !== "confirmed") return [];
        const event = events[r.event];
        return [
          {
            communeId,
            eventId: eventIds[r.event],
            registrationId: need(registrationByKey.get(`${eventIds[r.event]}|${r.phone}`), r.phone).id,
            fullName: r.fullName,
            attended: r.attended,
            markedAt: event.endsAt,
            markedById,
          },
        ];
      }),
      ...walkIns.map((w) => ({
        communeId,
        eventId: eventIds[w.event],
        registrationId: null,
        fullName: w.fullName,
        attended: true,
        markedAt: events[w.event].endsAt,
        markedById,
      })),
    ],
  });
}
