-- AlterTable
ALTER TABLE "erasure_request" ADD COLUMN     "rejection_reason" TEXT;
