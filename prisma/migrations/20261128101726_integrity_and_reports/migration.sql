-- AlterTable
ALTER TABLE "events" ADD COLUMN     "chain_hash" BYTEA,
ADD COLUMN     "leaf_hash" BYTEA,
ADD COLUMN     "prev_hash" BYTEA;

-- AlterTable
ALTER TABLE "tenants" ADD COLUMN     "chain_head" BYTEA,
ADD COLUMN     "phi_patterns" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- CreateTable
CREATE TABLE "integrity_checkpoints" (
    "tenant_id" UUID NOT NULL,
    "seq" BIGINT NOT NULL,
    "chain_head" BYTEA NOT NULL,
    "signed_at" TIMESTAMPTZ(3) NOT NULL,
    "key_id" TEXT NOT NULL,
    "signature" BYTEA NOT NULL,

    CONSTRAINT "integrity_checkpoints_pkey" PRIMARY KEY ("tenant_id","seq")
);

-- CreateTable
CREATE TABLE "signing_keys" (
    "id" TEXT NOT NULL,
    "public_key_pem" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "private_key_encrypted" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "retired_at" TIMESTAMPTZ(3),

    CONSTRAINT "signing_keys_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "integrity_verifications" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "requested_by" TEXT NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),
    "from_seq" BIGINT,
    "to_seq" BIGINT,
    "events_checked" BIGINT NOT NULL DEFAULT 0,
    "checkpoints_checked" INTEGER NOT NULL DEFAULT 0,
    "status" TEXT NOT NULL,
    "findings" JSONB NOT NULL DEFAULT '[]',
    "summary" TEXT,

    CONSTRAINT "integrity_verifications_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "report_exports" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "framework" TEXT NOT NULL,
    "period_from" TIMESTAMPTZ(3) NOT NULL,
    "period_to" TIMESTAMPTZ(3) NOT NULL,
    "formats" TEXT[],
    "status" TEXT NOT NULL DEFAULT 'queued',
    "phase" TEXT,
    "progress_done" BIGINT NOT NULL DEFAULT 0,
    "progress_total" BIGINT NOT NULL DEFAULT 0,
    "requested_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),
    "error" TEXT,
    "manifest" JSONB,

    CONSTRAINT "report_exports_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "integrity_verifications_tenant_id_started_at_idx" ON "integrity_verifications"("tenant_id", "started_at" DESC);

-- CreateIndex
CREATE INDEX "report_exports_tenant_id_created_at_idx" ON "report_exports"("tenant_id", "created_at" DESC);

-- Written by hand: signed checkpoints are evidence, append-only like events.
CREATE TRIGGER "integrity_checkpoints_append_only"
    BEFORE UPDATE OR DELETE ON "integrity_checkpoints"
    FOR EACH ROW EXECUTE FUNCTION "attest_forbid_event_mutation"();

CREATE TRIGGER "integrity_checkpoints_append_only_truncate"
    BEFORE TRUNCATE ON "integrity_checkpoints"
    FOR EACH STATEMENT EXECUTE FUNCTION "attest_forbid_event_mutation"();
