-- CreateEnum
CREATE TYPE "ErasureStatus" AS ENUM ('pending', 'done', 'rejected');

-- AlterTable
ALTER TABLE "consent" ADD COLUMN     "text_key" TEXT,
ADD COLUMN     "withdrawn_by_id" INTEGER;

-- AlterTable
ALTER TABLE "audit_log" ADD COLUMN     "after" JSONB,
ADD COLUMN     "before" JSONB,
ADD COLUMN     "ip" TEXT,
ADD COLUMN     "user_agent" TEXT;

-- CreateTable
CREATE TABLE "erasure_request" (
    "id" SERIAL NOT NULL,
    "commune_id" INTEGER NOT NULL,
    "user_id" INTEGER,
    "member_id" INTEGER,
    "reason" TEXT NOT NULL DEFAULT '',
    "status" "ErasureStatus" NOT NULL DEFAULT 'pending',
    "requested_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "handled_by_id" INTEGER,
    "handled_at" TIMESTAMP(3),

    CONSTRAINT "erasure_request_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "erasure_request_commune_id_status_requested_at_idx" ON "erasure_request"("commune_id", "status", "requested_at");

-- CreateIndex
CREATE INDEX "erasure_request_user_id_idx" ON "erasure_request"("user_id");

-- CreateIndex
CREATE INDEX "consent_registration_id_idx" ON "consent"("registration_id");

-- AddForeignKey
ALTER TABLE "consent" ADD CONSTRAINT "consent_withdrawn_by_id_fkey" FOREIGN KEY ("withdrawn_by_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "erasure_request" ADD CONSTRAINT "erasure_request_commune_id_fkey" FOREIGN KEY ("commune_id") REFERENCES "commune"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "erasure_request" ADD CONSTRAINT "erasure_request_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "erasure_request" ADD CONSTRAINT "erasure_request_member_id_fkey" FOREIGN KEY ("member_id") REFERENCES "member"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "erasure_request" ADD CONSTRAINT "erasure_request_handled_by_id_fkey" FOREIGN KEY ("handled_by_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- The audit trail is append-only (Law 91/2025: a log of who read or changed personal data that
-- nobody can rewrite). The application's own connection cannot edit, delete or truncate it.
-- The body is an E-string with \073 for each semicolon: the WebAssembly engine's pg adapter splits
-- a migration script at every semicolon, dollar quotes included.
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql
  AS E'BEGIN RAISE EXCEPTION ''audit_log is append-only: % refused'', TG_OP USING ERRCODE = ''insufficient_privilege''\073 END\073';

CREATE TRIGGER audit_log_no_update_delete BEFORE UPDATE OR DELETE ON "audit_log"
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();

CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON "audit_log"
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
