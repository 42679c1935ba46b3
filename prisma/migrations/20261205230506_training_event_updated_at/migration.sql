-- AlterTable
ALTER TABLE "training_event" ADD COLUMN     "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- Classes made before this column: their last change is unknown, their creation is the best guess.
UPDATE "training_event" SET "updated_at" = "created_at";
