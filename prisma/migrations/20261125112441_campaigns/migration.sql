-- AlterTable
ALTER TABLE "campaign" ADD COLUMN     "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "created_by_id" INTEGER,
ADD COLUMN     "description" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "target_min_age" INTEGER,
ADD COLUMN     "target_skill_id" INTEGER,
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- CreateTable
CREATE TABLE "campaign_village" (
    "campaign_id" INTEGER NOT NULL,
    "village_id" INTEGER NOT NULL,

    CONSTRAINT "campaign_village_pkey" PRIMARY KEY ("campaign_id","village_id")
);

-- CreateTable
CREATE TABLE "campaign_branch" (
    "campaign_id" INTEGER NOT NULL,
    "branch_id" INTEGER NOT NULL,

    CONSTRAINT "campaign_branch_pkey" PRIMARY KEY ("campaign_id","branch_id")
);

-- CreateTable
CREATE TABLE "walk_list" (
    "id" SERIAL NOT NULL,
    "commune_id" INTEGER NOT NULL,
    "campaign_id" INTEGER NOT NULL,
    "village_id" INTEGER,
    "name" TEXT NOT NULL,

    CONSTRAINT "walk_list_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "walk_list_volunteer" (
    "walk_list_id" INTEGER NOT NULL,
    "user_id" INTEGER NOT NULL,

    CONSTRAINT "walk_list_volunteer_pkey" PRIMARY KEY ("walk_list_id","user_id")
);

-- CreateTable
CREATE TABLE "walk_list_stop" (
    "walk_list_id" INTEGER NOT NULL,
    "household_id" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,

    CONSTRAINT "walk_list_stop_pkey" PRIMARY KEY ("walk_list_id","household_id")
);

-- CreateTable
CREATE TABLE "campaign_shift" (
    "id" SERIAL NOT NULL,
    "commune_id" INTEGER NOT NULL,
    "campaign_id" INTEGER NOT NULL,
    "user_id" INTEGER NOT NULL,
    "started_at" TIMESTAMP(3) NOT NULL,
    "ended_at" TIMESTAMP(3),

    CONSTRAINT "campaign_shift_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "walk_list_campaign_id_idx" ON "walk_list"("campaign_id");

-- CreateIndex
CREATE INDEX "walk_list_volunteer_user_id_idx" ON "walk_list_volunteer"("user_id");

-- CreateIndex
CREATE INDEX "walk_list_stop_household_id_idx" ON "walk_list_stop"("household_id");

-- CreateIndex
CREATE INDEX "campaign_shift_campaign_id_user_id_idx" ON "campaign_shift"("campaign_id", "user_id");

-- AddForeignKey
ALTER TABLE "campaign" ADD CONSTRAINT "campaign_target_skill_id_fkey" FOREIGN KEY ("target_skill_id") REFERENCES "skill"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "campaign" ADD CONSTRAINT "campaign_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "campaign_village" ADD CONSTRAINT "campaign_village_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "campaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "campaign_village" ADD CONSTRAINT "campaign_village_village_id_fkey" FOREIGN KEY ("village_id") REFERENCES "village"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "campaign_branch" ADD CONSTRAINT "campaign_branch_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "campaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "campaign_branch" ADD CONSTRAINT "campaign_branch_branch_id_fkey" FOREIGN KEY ("branch_id") REFERENCES "youth_branch"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "walk_list" ADD CONSTRAINT "walk_list_commune_id_fkey" FOREIGN KEY ("commune_id") REFERENCES "commune"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "walk_list" ADD CONSTRAINT "walk_list_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "campaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "walk_list" ADD CONSTRAINT "walk_list_village_id_fkey" FOREIGN KEY ("village_id") REFERENCES "village"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "walk_list_volunteer" ADD CONSTRAINT "walk_list_volunteer_walk_list_id_fkey" FOREIGN KEY ("walk_list_id") REFERENCES "walk_list"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "walk_list_volunteer" ADD CONSTRAINT "walk_list_volunteer_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "walk_list_stop" ADD CONSTRAINT "walk_list_stop_walk_list_id_fkey" FOREIGN KEY ("walk_list_id") REFERENCES "walk_list"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "walk_list_stop" ADD CONSTRAINT "walk_list_stop_household_id_fkey" FOREIGN KEY ("household_id") REFERENCES "household"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "campaign_shift" ADD CONSTRAINT "campaign_shift_commune_id_fkey" FOREIGN KEY ("commune_id") REFERENCES "commune"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "campaign_shift" ADD CONSTRAINT "campaign_shift_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "campaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "campaign_shift" ADD CONSTRAINT "campaign_shift_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
