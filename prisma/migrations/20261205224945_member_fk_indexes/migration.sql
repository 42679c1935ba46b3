-- CreateIndex
CREATE INDEX "visit_item_member_id_idx" ON "visit_item"("member_id");

-- CreateIndex
CREATE INDEX "registration_member_id_idx" ON "registration"("member_id");

-- CreateIndex
CREATE INDEX "consent_member_id_idx" ON "consent"("member_id");

-- CreateIndex
CREATE INDEX "erasure_request_member_id_idx" ON "erasure_request"("member_id");
