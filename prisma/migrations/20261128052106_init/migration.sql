-- CreateTable
CREATE TABLE "tenants" (
    "id" UUID NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "event_seq" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "tenants_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ingest_keys" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "key_hash" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_used_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "ingest_keys_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "events" (
    "tenant_id" UUID NOT NULL,
    "seq" BIGINT NOT NULL,
    "event_id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "time" TIMESTAMPTZ(3) NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "outcome" TEXT NOT NULL,
    "actor_type" TEXT NOT NULL,
    "actor_id" TEXT NOT NULL,
    "agent_id" TEXT,
    "on_behalf_of_id" TEXT,
    "session_key" TEXT,
    "client_id" TEXT,
    "correlation_id" TEXT,
    "trace_id" TEXT,
    "span_id" TEXT,
    "parent_span_id" TEXT,
    "target_type" TEXT,
    "target_id" TEXT,
    "policy_decision" TEXT,
    "delegation_depth" INTEGER NOT NULL DEFAULT 0,
    "data" JSONB NOT NULL,

    CONSTRAINT "events_pkey" PRIMARY KEY ("tenant_id","seq")
);

-- CreateTable
CREATE TABLE "agents" (
    "tenant_id" UUID NOT NULL,
    "agent_id" TEXT NOT NULL,
    "name" TEXT,
    "kind" TEXT NOT NULL,
    "registration" TEXT,
    "client_ids" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "owner_user_id" TEXT,
    "owner_since" TIMESTAMPTZ(3),
    "first_seen" TIMESTAMPTZ(3) NOT NULL,
    "last_seen" TIMESTAMPTZ(3) NOT NULL,
    "event_count" BIGINT NOT NULL DEFAULT 0,
    "status" TEXT NOT NULL DEFAULT 'active',
    "status_changed_at" TIMESTAMPTZ(3),

    CONSTRAINT "agents_pkey" PRIMARY KEY ("tenant_id","agent_id")
);

-- CreateTable
CREATE TABLE "human_principals" (
    "tenant_id" UUID NOT NULL,
    "user_id" TEXT NOT NULL,
    "name" TEXT,
    "first_seen" TIMESTAMPTZ(3) NOT NULL,
    "last_seen" TIMESTAMPTZ(3) NOT NULL,
    "event_count" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "human_principals_pkey" PRIMARY KEY ("tenant_id","user_id")
);

-- CreateTable
CREATE TABLE "oauth_clients" (
    "tenant_id" UUID NOT NULL,
    "client_id" TEXT NOT NULL,
    "name" TEXT,
    "kind" TEXT NOT NULL,
    "registration" TEXT,
    "metadata_url" TEXT,
    "agent_ids" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "first_seen" TIMESTAMPTZ(3) NOT NULL,
    "last_seen" TIMESTAMPTZ(3) NOT NULL,
    "event_count" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "oauth_clients_pkey" PRIMARY KEY ("tenant_id","client_id")
);

-- CreateTable
CREATE TABLE "sessions" (
    "tenant_id" UUID NOT NULL,
    "session_key" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "session_id" TEXT NOT NULL,
    "client_ids" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "agent_ids" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "mcp_session_ids" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "first_seen" TIMESTAMPTZ(3) NOT NULL,
    "last_seen" TIMESTAMPTZ(3) NOT NULL,
    "event_count" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "sessions_pkey" PRIMARY KEY ("tenant_id","session_key")
);

-- CreateIndex
CREATE UNIQUE INDEX "tenants_slug_key" ON "tenants"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "ingest_keys_prefix_key" ON "ingest_keys"("prefix");

-- CreateIndex
CREATE UNIQUE INDEX "ingest_keys_key_hash_key" ON "ingest_keys"("key_hash");

-- CreateIndex
CREATE INDEX "ingest_keys_tenant_id_created_at_idx" ON "ingest_keys"("tenant_id", "created_at");

-- CreateIndex
CREATE INDEX "events_tenant_id_time_idx" ON "events"("tenant_id", "time" DESC);

-- CreateIndex
CREATE INDEX "events_tenant_id_correlation_id_idx" ON "events"("tenant_id", "correlation_id");

-- CreateIndex
CREATE INDEX "events_tenant_id_trace_id_idx" ON "events"("tenant_id", "trace_id");

-- CreateIndex
CREATE INDEX "events_tenant_id_actor_id_time_idx" ON "events"("tenant_id", "actor_id", "time" DESC);

-- CreateIndex
CREATE INDEX "events_tenant_id_agent_id_time_idx" ON "events"("tenant_id", "agent_id", "time" DESC);

-- CreateIndex
CREATE INDEX "events_tenant_id_type_time_idx" ON "events"("tenant_id", "type", "time" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "events_tenant_id_event_id_key" ON "events"("tenant_id", "event_id");

-- CreateIndex
CREATE INDEX "agents_tenant_id_last_seen_idx" ON "agents"("tenant_id", "last_seen" DESC);

-- CreateIndex
CREATE INDEX "human_principals_tenant_id_last_seen_idx" ON "human_principals"("tenant_id", "last_seen" DESC);

-- CreateIndex
CREATE INDEX "oauth_clients_tenant_id_last_seen_idx" ON "oauth_clients"("tenant_id", "last_seen" DESC);

-- CreateIndex
CREATE INDEX "sessions_tenant_id_user_id_last_seen_idx" ON "sessions"("tenant_id", "user_id", "last_seen" DESC);

-- AddForeignKey
ALTER TABLE "ingest_keys" ADD CONSTRAINT "ingest_keys_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Append-only guard for "events" (added by hand; Prisma cannot express triggers, and
-- `prisma migrate diff` does not see them, so the schema stays in sync).
-- Events are audit evidence: once recorded, a row must never change or disappear through the
-- application or an ordinary SQL session. A superuser can still bypass this deliberately with
-- `SET session_replication_role = replica` (ordinary triggers do not fire then), e.g. for
-- tamper-detection tests or a retention job; that is a conscious, privileged act.
CREATE FUNCTION "attest_forbid_event_mutation"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'events are append-only (% on events is not allowed)', TG_OP
        USING ERRCODE = 'raise_exception';
END;
$$;

CREATE TRIGGER "events_append_only"
    BEFORE UPDATE OR DELETE ON "events"
    FOR EACH ROW EXECUTE FUNCTION "attest_forbid_event_mutation"();

CREATE TRIGGER "events_append_only_truncate"
    BEFORE TRUNCATE ON "events"
    FOR EACH STATEMENT EXECUTE FUNCTION "attest_forbid_event_mutation"();
