-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "DatePrecision" AS ENUM ('DAY', 'MONTH', 'YEAR');

-- CreateEnum
CREATE TYPE "EventKind" AS ENUM ('MEETING', 'VISIT', 'SIGNING', 'SPEECH', 'STATEMENT', 'COURTESY_CALL', 'PRESS_REMARKS', 'EXERCISE', 'TALKS', 'CEREMONY', 'PORT_CALL', 'OTHER');

-- CreateEnum
CREATE TYPE "PloverCategory" AS ENUM ('AGREE', 'CONSULT', 'SUPPORT', 'COOPERATE', 'AID', 'RETREAT', 'REQUEST', 'ACCUSE', 'REJECT', 'THREATEN', 'PROTEST', 'SANCTION', 'MOBILIZE', 'COERCE', 'ASSAULT');

-- CreateEnum
CREATE TYPE "ParticipantKind" AS ENUM ('PERSON', 'ORGANISATION', 'COUNTRY', 'MILITARY_UNIT');

-- CreateEnum
CREATE TYPE "ParticipationRole" AS ENUM ('HOST', 'VISITOR', 'GUEST', 'SIGNATORY', 'SPEAKER', 'AUDIENCE', 'SUBJECT', 'ATTENDEE', 'ORGANISER');

-- CreateEnum
CREATE TYPE "AgreementKind" AS ENUM ('TREATY', 'AGREEMENT', 'MEMORANDUM', 'ARRANGEMENT', 'JOINT_STATEMENT');

-- CreateEnum
CREATE TYPE "AgreementStatus" AS ENUM ('UNDER_NEGOTIATION', 'SIGNED', 'IN_FORCE', 'SUSPENDED', 'EXPIRED', 'TERMINATED');

-- CreateEnum
CREATE TYPE "AgreementSubject" AS ENUM ('DEFENCE_EQUIPMENT_TRANSFER', 'CYBERSECURITY', 'MILITARY_MEDICINE', 'MARITIME_SECURITY', 'PEACEKEEPING', 'TRAINING', 'INTELLIGENCE', 'GENERAL_DEFENCE_COOPERATION');

-- CreateEnum
CREATE TYPE "SourceKind" AS ENUM ('NEWS_ARTICLE', 'SOCIAL_POST', 'OFFICIAL_STATEMENT', 'PRESS_RELEASE', 'WIRE_REPORT', 'OTHER');

-- CreateTable
CREATE TABLE "participant" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "slug" TEXT NOT NULL,
    "kind" "ParticipantKind" NOT NULL,
    "name" TEXT NOT NULL,
    "aliases" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "iso_code" CHAR(2),
    "country_id" UUID,
    "description" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deleted_at" TIMESTAMPTZ(3),

    CONSTRAINT "participant_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "position" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "holder_id" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "organisation_id" UUID,
    "start_date" DATE,
    "start_precision" "DatePrecision",
    "end_date" DATE,
    "end_precision" "DatePrecision",
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deleted_at" TIMESTAMPTZ(3),

    CONSTRAINT "position_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "event" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "slug" TEXT NOT NULL,
    "kind" "EventKind" NOT NULL,
    "title" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "start_date" DATE NOT NULL,
    "start_precision" "DatePrecision" NOT NULL,
    "end_date" DATE,
    "end_precision" "DatePrecision",
    "latest_date" DATE,
    "place_name" TEXT,
    "place_country_id" UUID,
    "cameo_code" VARCHAR(4),
    "plover_category" "PloverCategory",
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deleted_at" TIMESTAMPTZ(3),

    CONSTRAINT "event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "participation" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "event_id" UUID NOT NULL,
    "participant_id" UUID NOT NULL,
    "role" "ParticipationRole" NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "participation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "agreement" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "slug" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "kind" "AgreementKind" NOT NULL,
    "subjects" "AgreementSubject"[] DEFAULT ARRAY[]::"AgreementSubject"[],
    "status" "AgreementStatus" NOT NULL,
    "signed_date" DATE,
    "signed_precision" "DatePrecision",
    "signing_event_id" UUID,
    "summary" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deleted_at" TIMESTAMPTZ(3),

    CONSTRAINT "agreement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "agreement_party" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "agreement_id" UUID NOT NULL,
    "participant_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "agreement_party_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "source" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "slug" TEXT NOT NULL,
    "kind" "SourceKind" NOT NULL,
    "title" TEXT NOT NULL,
    "publisher" TEXT,
    "authors" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "url" TEXT,
    "published_date" DATE,
    "published_precision" "DatePrecision",
    "full_text" TEXT,
    "attributions" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "embedded_in_id" UUID,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deleted_at" TIMESTAMPTZ(3),

    CONSTRAINT "source_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "remark" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "slug" TEXT NOT NULL,
    "speaker_id" UUID NOT NULL,
    "speaker_position_id" UUID,
    "content" TEXT NOT NULL,
    "is_direct_quote" BOOLEAN NOT NULL,
    "said_date" DATE,
    "said_precision" "DatePrecision",
    "audience" TEXT,
    "addressee_id" UUID,
    "event_id" UUID,
    "topics" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deleted_at" TIMESTAMPTZ(3),

    CONSTRAINT "remark_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "citation" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "source_id" UUID NOT NULL,
    "quote" TEXT NOT NULL,
    "claim_field" TEXT,
    "claim_value" TEXT,
    "event_id" UUID,
    "participation_id" UUID,
    "agreement_id" UUID,
    "agreement_party_id" UUID,
    "remark_id" UUID,
    "position_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "citation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "participant_slug_key" ON "participant"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "participant_iso_code_key" ON "participant"("iso_code");

-- CreateIndex
CREATE INDEX "participant_country_id_idx" ON "participant"("country_id");

-- CreateIndex
CREATE INDEX "participant_kind_name_idx" ON "participant"("kind", "name");

-- CreateIndex
CREATE INDEX "position_organisation_id_idx" ON "position"("organisation_id");

-- CreateIndex
CREATE UNIQUE INDEX "position_holder_id_title_organisation_id_key" ON "position"("holder_id", "title", "organisation_id");

-- CreateIndex
CREATE UNIQUE INDEX "event_slug_key" ON "event"("slug");

-- CreateIndex
CREATE INDEX "event_start_date_id_idx" ON "event"("start_date" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "event_latest_date_idx" ON "event"("latest_date");

-- CreateIndex
CREATE INDEX "event_kind_start_date_idx" ON "event"("kind", "start_date" DESC);

-- CreateIndex
CREATE INDEX "event_cameo_code_idx" ON "event"("cameo_code");

-- CreateIndex
CREATE INDEX "event_place_country_id_idx" ON "event"("place_country_id");

-- CreateIndex
CREATE INDEX "participation_participant_id_event_id_idx" ON "participation"("participant_id", "event_id");

-- CreateIndex
CREATE UNIQUE INDEX "participation_event_id_participant_id_role_key" ON "participation"("event_id", "participant_id", "role");

-- CreateIndex
CREATE UNIQUE INDEX "agreement_slug_key" ON "agreement"("slug");

-- CreateIndex
CREATE INDEX "agreement_signing_event_id_idx" ON "agreement"("signing_event_id");

-- CreateIndex
CREATE INDEX "agreement_signed_date_idx" ON "agreement"("signed_date");

-- CreateIndex
CREATE INDEX "agreement_party_participant_id_idx" ON "agreement_party"("participant_id");

-- CreateIndex
CREATE UNIQUE INDEX "agreement_party_agreement_id_participant_id_key" ON "agreement_party"("agreement_id", "participant_id");

-- CreateIndex
CREATE UNIQUE INDEX "source_slug_key" ON "source"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "source_url_key" ON "source"("url");

-- CreateIndex
CREATE INDEX "source_embedded_in_id_idx" ON "source"("embedded_in_id");

-- CreateIndex
CREATE UNIQUE INDEX "remark_slug_key" ON "remark"("slug");

-- CreateIndex
CREATE INDEX "remark_speaker_id_said_date_idx" ON "remark"("speaker_id", "said_date");

-- CreateIndex
CREATE INDEX "remark_event_id_idx" ON "remark"("event_id");

-- CreateIndex
CREATE INDEX "citation_source_id_idx" ON "citation"("source_id");

-- CreateIndex
CREATE INDEX "citation_event_id_idx" ON "citation"("event_id");

-- CreateIndex
CREATE INDEX "citation_participation_id_idx" ON "citation"("participation_id");

-- CreateIndex
CREATE INDEX "citation_agreement_id_idx" ON "citation"("agreement_id");

-- CreateIndex
CREATE INDEX "citation_agreement_party_id_idx" ON "citation"("agreement_party_id");

-- CreateIndex
CREATE INDEX "citation_remark_id_idx" ON "citation"("remark_id");

-- CreateIndex
CREATE INDEX "citation_position_id_idx" ON "citation"("position_id");

-- AddForeignKey
ALTER TABLE "participant" ADD CONSTRAINT "participant_country_id_fkey" FOREIGN KEY ("country_id") REFERENCES "participant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "position" ADD CONSTRAINT "position_holder_id_fkey" FOREIGN KEY ("holder_id") REFERENCES "participant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "position" ADD CONSTRAINT "position_organisation_id_fkey" FOREIGN KEY ("organisation_id") REFERENCES "participant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "event" ADD CONSTRAINT "event_place_country_id_fkey" FOREIGN KEY ("place_country_id") REFERENCES "participant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "participation" ADD CONSTRAINT "participation_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "event"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "participation" ADD CONSTRAINT "participation_participant_id_fkey" FOREIGN KEY ("participant_id") REFERENCES "participant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "agreement" ADD CONSTRAINT "agreement_signing_event_id_fkey" FOREIGN KEY ("signing_event_id") REFERENCES "event"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "agreement_party" ADD CONSTRAINT "agreement_party_agreement_id_fkey" FOREIGN KEY ("agreement_id") REFERENCES "agreement"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "agreement_party" ADD CONSTRAINT "agreement_party_participant_id_fkey" FOREIGN KEY ("participant_id") REFERENCES "participant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "source" ADD CONSTRAINT "source_embedded_in_id_fkey" FOREIGN KEY ("embedded_in_id") REFERENCES "source"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "remark" ADD CONSTRAINT "remark_speaker_id_fkey" FOREIGN KEY ("speaker_id") REFERENCES "participant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "remark" ADD CONSTRAINT "remark_speaker_position_id_fkey" FOREIGN KEY ("speaker_position_id") REFERENCES "position"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "remark" ADD CONSTRAINT "remark_addressee_id_fkey" FOREIGN KEY ("addressee_id") REFERENCES "participant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "remark" ADD CONSTRAINT "remark_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "event"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "citation" ADD CONSTRAINT "citation_source_id_fkey" FOREIGN KEY ("source_id") REFERENCES "source"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "citation" ADD CONSTRAINT "citation_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "event"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "citation" ADD CONSTRAINT "citation_participation_id_fkey" FOREIGN KEY ("participation_id") REFERENCES "participation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "citation" ADD CONSTRAINT "citation_agreement_id_fkey" FOREIGN KEY ("agreement_id") REFERENCES "agreement"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "citation" ADD CONSTRAINT "citation_agreement_party_id_fkey" FOREIGN KEY ("agreement_party_id") REFERENCES "agreement_party"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "citation" ADD CONSTRAINT "citation_remark_id_fkey" FOREIGN KEY ("remark_id") REFERENCES "remark"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "citation" ADD CONSTRAINT "citation_position_id_fkey" FOREIGN KEY ("position_id") REFERENCES "position"("id") ON DELETE CASCADE ON UPDATE CASCADE;

