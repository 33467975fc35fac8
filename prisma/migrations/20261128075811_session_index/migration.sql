-- CreateIndex
CREATE INDEX "events_tenant_id_session_key_time_idx" ON "events"("tenant_id", "session_key", "time");
