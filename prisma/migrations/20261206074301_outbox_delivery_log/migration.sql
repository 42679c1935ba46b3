-- AlterEnum
ALTER TYPE "OutboxStatus" ADD VALUE 'delivered' AFTER 'sent';

-- AlterTable
ALTER TABLE "outbox_message" ADD COLUMN     "delivered_at" TIMESTAMP(3),
ADD COLUMN     "parts" INTEGER,
ADD COLUMN     "provider_id" TEXT;

-- CreateTable
CREATE TABLE "outbox_receipt" (
    "provider_id" TEXT NOT NULL,
    "delivered" BOOLEAN NOT NULL,
    "reason" TEXT,
    "received_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "outbox_receipt_pkey" PRIMARY KEY ("provider_id")
);

-- CreateIndex
CREATE INDEX "outbox_message_provider_id_idx" ON "outbox_message"("provider_id");

-- CreateIndex
CREATE INDEX "outbox_message_commune_id_channel_sent_at_idx" ON "outbox_message"("commune_id", "channel", "sent_at");
