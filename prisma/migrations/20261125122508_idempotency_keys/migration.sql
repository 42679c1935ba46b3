-- AlterTable
ALTER TABLE "member" ADD COLUMN     "idempotency_key" UUID;

-- AlterTable
ALTER TABLE "campaign" ADD COLUMN     "idempotency_key" UUID;

-- CreateIndex
CREATE UNIQUE INDEX "member_idempotency_key_key" ON "member"("idempotency_key");

-- CreateIndex
CREATE UNIQUE INDEX "campaign_idempotency_key_key" ON "campaign"("idempotency_key");
