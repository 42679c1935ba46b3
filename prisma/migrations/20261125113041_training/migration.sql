-- CreateEnum
CREATE TYPE "OutboxStatus" AS ENUM ('pending', 'sent', 'logged', 'failed');

-- CreateTable (first: existing classes are moved onto it below)
CREATE TABLE "training_topic" (
    "id" SERIAL NOT NULL,
    "commune_id" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "name_vi" TEXT NOT NULL,
    "name_en" TEXT NOT NULL,
    "skill_id" INTEGER,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "sort_order" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "training_topic_pkey" PRIMARY KEY ("id")
);

-- Hand-written: the former fixed topics become each commune's first topics, and existing classes
-- keep theirs.
INSERT INTO "training_topic" ("commune_id", "key", "name_vi", "name_en", "skill_id", "sort_order")
SELECT c.id, t.key, t.name_vi, t.name_en, (SELECT s.id FROM "skill" s WHERE s.commune_id = c.id AND s.key = t.skill_key), t.sort_order
FROM "commune" c
CROSS JOIN (VALUES
  ('online_services', 'Dịch vụ công trực tuyến', 'Online public services', NULL, 20),
  ('digital_platforms', 'Nền tảng số', 'Digital platforms', NULL, 60),
  ('online_safety', 'An toàn trên mạng', 'Online safety', 'safety_briefing', 40),
  ('ai', 'AI trong đời sống', 'AI in daily life', 'ai_basics', 50),
  ('other', 'Chủ đề khác', 'Other topics', NULL, 90)
) AS t(key, name_vi, name_en, skill_key, sort_order)
WHERE EXISTS (SELECT 1 FROM "training_event" e WHERE e.commune_id = c.id);

-- AlterTable
ALTER TABLE "training_event" ADD COLUMN "topic_id" INTEGER, ADD COLUMN "village_id" INTEGER;
UPDATE "training_event" e SET "topic_id" = t.id FROM "training_topic" t WHERE t.commune_id = e.commune_id AND t.key = e.topic::text;
ALTER TABLE "training_event" ALTER COLUMN "topic_id" SET NOT NULL;
ALTER TABLE "training_event" DROP COLUMN "topic";

-- AlterTable
ALTER TABLE "registration" ADD COLUMN     "cancelled_at" TIMESTAMP(3),
ADD COLUMN     "code" TEXT,
ADD COLUMN     "promoted_at" TIMESTAMP(3),
ADD COLUMN     "village_id" INTEGER;
UPDATE "registration" SET "code" = upper(substr(md5(random()::text || id::text), 1, 8));
ALTER TABLE "registration" ALTER COLUMN "code" SET NOT NULL;

-- AlterTable
ALTER TABLE "consent" ADD COLUMN     "registration_id" INTEGER,
ADD COLUMN     "text" TEXT NOT NULL DEFAULT '';

-- DropEnum
DROP TYPE "TrainingTopic";

-- CreateTable
CREATE TABLE "outbox_message" (
    "id" SERIAL NOT NULL,
    "commune_id" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "recipient" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "payload" JSONB,
    "dedupe_key" TEXT NOT NULL,
    "status" "OutboxStatus" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,
    "send_after" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sent_at" TIMESTAMP(3),

    CONSTRAINT "outbox_message_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "rate_limit_bucket" (
    "key" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "reset_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "rate_limit_bucket_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE UNIQUE INDEX "training_topic_commune_id_key_key" ON "training_topic"("commune_id", "key");

-- CreateIndex
CREATE UNIQUE INDEX "outbox_message_dedupe_key_key" ON "outbox_message"("dedupe_key");

-- CreateIndex
CREATE INDEX "outbox_message_commune_id_created_at_idx" ON "outbox_message"("commune_id", "created_at");

-- CreateIndex
CREATE INDEX "outbox_message_status_send_after_idx" ON "outbox_message"("status", "send_after");

-- CreateIndex
CREATE INDEX "rate_limit_bucket_reset_at_idx" ON "rate_limit_bucket"("reset_at");

-- CreateIndex
CREATE INDEX "training_event_partner_commune_id_starts_at_idx" ON "training_event"("partner_commune_id", "starts_at");

-- CreateIndex
CREATE UNIQUE INDEX "registration_code_key" ON "registration"("code");

-- CreateIndex
CREATE INDEX "registration_event_id_status_created_at_idx" ON "registration"("event_id", "status", "created_at");

-- AddForeignKey
ALTER TABLE "training_topic" ADD CONSTRAINT "training_topic_commune_id_fkey" FOREIGN KEY ("commune_id") REFERENCES "commune"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "training_topic" ADD CONSTRAINT "training_topic_skill_id_fkey" FOREIGN KEY ("skill_id") REFERENCES "skill"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "training_event" ADD CONSTRAINT "training_event_topic_id_fkey" FOREIGN KEY ("topic_id") REFERENCES "training_topic"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "training_event" ADD CONSTRAINT "training_event_village_id_fkey" FOREIGN KEY ("village_id") REFERENCES "village"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "registration" ADD CONSTRAINT "registration_village_id_fkey" FOREIGN KEY ("village_id") REFERENCES "village"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "consent" ADD CONSTRAINT "consent_registration_id_fkey" FOREIGN KEY ("registration_id") REFERENCES "registration"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "outbox_message" ADD CONSTRAINT "outbox_message_commune_id_fkey" FOREIGN KEY ("commune_id") REFERENCES "commune"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
