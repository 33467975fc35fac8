-- Written by hand: a partial index the schema cannot declare (see schema.prisma, model Event).
-- The delegations page reads only delegated events in a time range.
CREATE INDEX "events_delegated_time_idx" ON "events"("tenant_id", "time" DESC) WHERE (delegation_depth >= 2);
