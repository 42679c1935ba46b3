-- AlterTable
ALTER TABLE "commune" ADD COLUMN     "doc_issuer" TEXT,
ADD COLUMN     "doc_place" TEXT,
ADD COLUMN     "doc_recipient" TEXT,
ADD COLUMN     "doc_signer_authority" TEXT,
ADD COLUMN     "doc_signer_name" TEXT,
ADD COLUMN     "doc_signer_position" TEXT,
ADD COLUMN     "doc_superior" TEXT;
