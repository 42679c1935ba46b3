-- AlterTable
ALTER TABLE "app_user" ADD COLUMN     "unverified_phone" TEXT;

-- CreateTable
CREATE TABLE "phone_code" (
    "user_id" INTEGER NOT NULL,
    "commune_id" INTEGER NOT NULL,
    "code_hash" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "expires_at" TIMESTAMP(3) NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "phone_code_pkey" PRIMARY KEY ("user_id")
);

-- CreateIndex
CREATE INDEX "phone_code_commune_id_idx" ON "phone_code"("commune_id");

-- CreateIndex
CREATE INDEX "app_user_unverified_phone_idx" ON "app_user"("unverified_phone");

-- AddForeignKey
ALTER TABLE "phone_code" ADD CONSTRAINT "phone_code_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "phone_code" ADD CONSTRAINT "phone_code_commune_id_fkey" FOREIGN KEY ("commune_id") REFERENCES "commune"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Accounts that residents made themselves at /register never proved their phone, so their phone
-- becomes unverified: nothing is linked by it until a code sent to it is entered (or an official
-- checks it in person). Accounts made by the commune (staff, and residents an official linked to a
-- household member) keep theirs.
UPDATE "app_user" SET "unverified_phone" = "phone", "phone" = NULL
WHERE "role" = 'resident' AND "member_id" IS NULL AND "phone" IS NOT NULL;
