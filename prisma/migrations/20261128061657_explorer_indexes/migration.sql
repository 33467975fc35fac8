-- DropIndex
DROP INDEX "events_tenant_id_time_idx";

-- CreateIndex
CREATE INDEX "events_tenant_id_time_seq_idx" ON "events"("tenant_id", "time" DESC, "seq" DESC);

-- CreateIndex
CREATE INDEX "events_tenant_id_outcome_time_idx" ON "events"("tenant_id", "outcome", "time" DESC);

-- CreateIndex
CREATE INDEX "events_tenant_id_on_behalf_of_id_time_idx" ON "events"("tenant_id", "on_behalf_of_id", "time" DESC);
