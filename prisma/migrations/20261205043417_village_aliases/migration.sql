-- CreateTable
CREATE TABLE "village_alias" (
    "id" SERIAL NOT NULL,
    "commune_id" INTEGER NOT NULL,
    "village_id" INTEGER NOT NULL,
    "old_commune" TEXT NOT NULL DEFAULT '',
    "old_village" TEXT NOT NULL,
    "folded" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "village_alias_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "village_alias_village_id_idx" ON "village_alias"("village_id");

-- CreateIndex
CREATE UNIQUE INDEX "village_alias_commune_id_folded_key" ON "village_alias"("commune_id", "folded");

-- AddForeignKey
ALTER TABLE "village_alias" ADD CONSTRAINT "village_alias_commune_id_fkey" FOREIGN KEY ("commune_id") REFERENCES "commune"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "village_alias" ADD CONSTRAINT "village_alias_village_id_fkey" FOREIGN KEY ("village_id") REFERENCES "village"("id") ON DELETE CASCADE ON UPDATE CASCADE;
