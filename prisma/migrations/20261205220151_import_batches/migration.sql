-- CreateEnum
CREATE TYPE "ImportKind" AS ENUM ('households', 'businesses', 'volunteers');

-- CreateEnum
CREATE TYPE "ImportStatus" AS ENUM ('staged', 'checked', 'queued', 'saving', 'saved', 'failed', 'undone');

-- AlterTable
ALTER TABLE "household" ADD COLUMN     "import_batch_id" INTEGER;

-- AlterTable
ALTER TABLE "member" ADD COLUMN     "import_batch_id" INTEGER;

-- AlterTable
ALTER TABLE "app_user" ADD COLUMN     "import_batch_id" INTEGER;

-- AlterTable
ALTER TABLE "household_business" ADD COLUMN     "import_batch_id" INTEGER;

-- CreateTable
CREATE TABLE "import_batch" (
    "id" SERIAL NOT NULL,
    "commune_id" INTEGER NOT NULL,
    "kind" "ImportKind" NOT NULL,
    "status" "ImportStatus" NOT NULL DEFAULT 'staged',
    "file_name" TEXT NOT NULL,
    "file_hash" TEXT NOT NULL,
    "file" BYTEA,
    "sheet" JSONB,
    "mapping" JSONB,
    "plan" JSONB,
    "choices" JSONB,
    "row_count" INTEGER NOT NULL,
    "progress_done" INTEGER NOT NULL DEFAULT 0,
    "progress_total" INTEGER NOT NULL DEFAULT 0,
    "created_count" INTEGER NOT NULL DEFAULT 0,
    "merged_count" INTEGER NOT NULL DEFAULT 0,
    "skipped_count" INTEGER NOT NULL DEFAULT 0,
    "fills" JSONB,
    "error" TEXT,
    "created_by_id" INTEGER NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "saved_at" TIMESTAMP(3),
    "undone_at" TIMESTAMP(3),
    "undone_by_id" INTEGER,

    CONSTRAINT "import_batch_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "import_batch_commune_id_created_at_idx" ON "import_batch"("commune_id", "created_at");

-- CreateIndex
CREATE INDEX "import_batch_commune_id_file_hash_idx" ON "import_batch"("commune_id", "file_hash");

-- CreateIndex
CREATE INDEX "household_import_batch_id_idx" ON "household"("import_batch_id");

-- CreateIndex
CREATE INDEX "member_import_batch_id_idx" ON "member"("import_batch_id");

-- CreateIndex
CREATE INDEX "household_business_import_batch_id_idx" ON "household_business"("import_batch_id");

-- AddForeignKey
ALTER TABLE "import_batch" ADD CONSTRAINT "import_batch_commune_id_fkey" FOREIGN KEY ("commune_id") REFERENCES "commune"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "import_batch" ADD CONSTRAINT "import_batch_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "household" ADD CONSTRAINT "household_import_batch_id_fkey" FOREIGN KEY ("import_batch_id") REFERENCES "import_batch"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "member" ADD CONSTRAINT "member_import_batch_id_fkey" FOREIGN KEY ("import_batch_id") REFERENCES "import_batch"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "app_user" ADD CONSTRAINT "app_user_import_batch_id_fkey" FOREIGN KEY ("import_batch_id") REFERENCES "import_batch"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "household_business" ADD CONSTRAINT "household_business_import_batch_id_fkey" FOREIGN KEY ("import_batch_id") REFERENCES "import_batch"("id") ON DELETE SET NULL ON UPDATE CASCADE;
