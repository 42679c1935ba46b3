-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('resident', 'volunteer', 'branch_leader', 'official', 'admin', 'city');

-- CreateEnum
CREATE TYPE "SkillScope" AS ENUM ('member', 'business');

-- CreateEnum
CREATE TYPE "CriterionLevel" AS ENUM ('digital', 'smart');

-- CreateEnum
CREATE TYPE "CriterionRule" AS ENUM ('all_adults', 'any_adult');

-- CreateEnum
CREATE TYPE "FamilyStatus" AS ENUM ('enrolled', 'in_progress', 'digital', 'smart');

-- CreateEnum
CREATE TYPE "VisitOutcome" AS ENUM ('done', 'needs_police', 'no_smartphone', 'not_home', 'declined');

-- CreateEnum
CREATE TYPE "CampaignKind" AS ENUM ('volunteer_saturday', 'other');

-- CreateEnum
CREATE TYPE "TrainingTopic" AS ENUM ('online_services', 'digital_platforms', 'online_safety', 'ai', 'other');

-- CreateEnum
CREATE TYPE "TrainingAudience" AS ENUM ('residents', 'officials', 'workers', 'everyone');

-- CreateEnum
CREATE TYPE "EventStatus" AS ENUM ('scheduled', 'held', 'cancelled');

-- CreateEnum
CREATE TYPE "RegistrationStatus" AS ENUM ('confirmed', 'waitlist', 'cancelled');

-- CreateEnum
CREATE TYPE "ConsentPurpose" AS ENUM ('program_participation', 'training_contact', 'data_processing');

-- CreateEnum
CREATE TYPE "Gender" AS ENUM ('male', 'female', 'other');

-- CreateTable
CREATE TABLE "commune" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "province" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "commune_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "village" (
    "id" SERIAL NOT NULL,
    "commune_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "code" TEXT NOT NULL,

    CONSTRAINT "village_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "youth_branch" (
    "id" SERIAL NOT NULL,
    "commune_id" INTEGER NOT NULL,
    "village_id" INTEGER,
    "name" TEXT NOT NULL,
    "target_families" INTEGER NOT NULL DEFAULT 5,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "youth_branch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "household" (
    "id" SERIAL NOT NULL,
    "commune_id" INTEGER NOT NULL,
    "village_id" INTEGER NOT NULL,
    "head_name" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "phone" TEXT,
    "last_visit_on" DATE,
    "follow_up_on" DATE,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "household_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "member" (
    "id" SERIAL NOT NULL,
    "commune_id" INTEGER NOT NULL,
    "household_id" INTEGER NOT NULL,
    "full_name" TEXT NOT NULL,
    "birth_year" INTEGER NOT NULL,
    "gender" "Gender" NOT NULL,
    "phone" TEXT,
    "is_head" BOOLEAN NOT NULL DEFAULT false,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "member_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "skill" (
    "id" SERIAL NOT NULL,
    "commune_id" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "scope" "SkillScope" NOT NULL,
    "name_vi" TEXT NOT NULL,
    "name_en" TEXT NOT NULL,
    "builtin" BOOLEAN NOT NULL DEFAULT false,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "sort_order" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "skill_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "member_skill" (
    "commune_id" INTEGER NOT NULL,
    "member_id" INTEGER NOT NULL,
    "skill_id" INTEGER NOT NULL,
    "acquired_on" DATE NOT NULL,
    "visit_id" INTEGER,

    CONSTRAINT "member_skill_pkey" PRIMARY KEY ("member_id","skill_id")
);

-- CreateTable
CREATE TABLE "family_criterion" (
    "id" SERIAL NOT NULL,
    "commune_id" INTEGER NOT NULL,
    "skill_id" INTEGER NOT NULL,
    "level" "CriterionLevel" NOT NULL,
    "rule" "CriterionRule" NOT NULL,
    "sort_order" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "family_criterion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "digital_family" (
    "id" SERIAL NOT NULL,
    "commune_id" INTEGER NOT NULL,
    "household_id" INTEGER NOT NULL,
    "branch_id" INTEGER,
    "status" "FamilyStatus" NOT NULL DEFAULT 'enrolled',
    "enrolled_on" DATE NOT NULL,
    "in_progress_on" DATE,
    "digital_on" DATE,
    "smart_on" DATE,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "digital_family_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "app_user" (
    "id" SERIAL NOT NULL,
    "commune_id" INTEGER,
    "username" TEXT,
    "phone" TEXT,
    "name" TEXT NOT NULL,
    "password_hash" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "member_id" INTEGER,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "session_version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_login_at" TIMESTAMP(3),

    CONSTRAINT "app_user_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "volunteer_profile" (
    "user_id" INTEGER NOT NULL,
    "commune_id" INTEGER NOT NULL,
    "branch_id" INTEGER NOT NULL,
    "is_leader" BOOLEAN NOT NULL DEFAULT false,
    "joined_on" DATE NOT NULL,

    CONSTRAINT "volunteer_profile_pkey" PRIMARY KEY ("user_id")
);

-- CreateTable
CREATE TABLE "assignment" (
    "id" SERIAL NOT NULL,
    "commune_id" INTEGER NOT NULL,
    "household_id" INTEGER NOT NULL,
    "volunteer_id" INTEGER NOT NULL,
    "assigned_by_id" INTEGER NOT NULL,
    "assigned_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "active" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "assignment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "campaign" (
    "id" SERIAL NOT NULL,
    "commune_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "CampaignKind" NOT NULL,
    "starts_on" DATE NOT NULL,
    "ends_on" DATE NOT NULL,

    CONSTRAINT "campaign_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "visit" (
    "id" SERIAL NOT NULL,
    "commune_id" INTEGER NOT NULL,
    "household_id" INTEGER NOT NULL,
    "volunteer_id" INTEGER NOT NULL,
    "campaign_id" INTEGER,
    "visited_on" DATE NOT NULL,
    "outcome" "VisitOutcome" NOT NULL,
    "notes" TEXT,
    "follow_up_on" DATE,
    "idempotency_key" UUID NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "visit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "visit_item" (
    "id" SERIAL NOT NULL,
    "commune_id" INTEGER NOT NULL,
    "visit_id" INTEGER NOT NULL,
    "skill_id" INTEGER NOT NULL,
    "member_id" INTEGER,

    CONSTRAINT "visit_item_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "visit_co_volunteer" (
    "visit_id" INTEGER NOT NULL,
    "user_id" INTEGER NOT NULL,

    CONSTRAINT "visit_co_volunteer_pkey" PRIMARY KEY ("visit_id","user_id")
);

-- CreateTable
CREATE TABLE "training_event" (
    "id" SERIAL NOT NULL,
    "commune_id" INTEGER NOT NULL,
    "partner_commune_id" INTEGER,
    "title" TEXT NOT NULL,
    "topic" "TrainingTopic" NOT NULL,
    "audience" "TrainingAudience" NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "place" TEXT NOT NULL,
    "organiser" TEXT NOT NULL,
    "starts_at" TIMESTAMP(3) NOT NULL,
    "ends_at" TIMESTAMP(3) NOT NULL,
    "capacity" INTEGER NOT NULL,
    "status" "EventStatus" NOT NULL DEFAULT 'scheduled',
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "training_event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "registration" (
    "id" SERIAL NOT NULL,
    "commune_id" INTEGER NOT NULL,
    "event_id" INTEGER NOT NULL,
    "full_name" TEXT NOT NULL,
    "phone" TEXT NOT NULL,
    "member_id" INTEGER,
    "user_id" INTEGER,
    "status" "RegistrationStatus" NOT NULL DEFAULT 'confirmed',
    "idempotency_key" UUID,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "registration_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "attendance" (
    "id" SERIAL NOT NULL,
    "commune_id" INTEGER NOT NULL,
    "event_id" INTEGER NOT NULL,
    "registration_id" INTEGER,
    "full_name" TEXT NOT NULL,
    "attended" BOOLEAN NOT NULL,
    "marked_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "marked_by_id" INTEGER,

    CONSTRAINT "attendance_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "household_business" (
    "id" SERIAL NOT NULL,
    "commune_id" INTEGER NOT NULL,
    "household_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "sector" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "household_business_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "business_skill" (
    "commune_id" INTEGER NOT NULL,
    "business_id" INTEGER NOT NULL,
    "skill_id" INTEGER NOT NULL,
    "acquired_on" DATE NOT NULL,

    CONSTRAINT "business_skill_pkey" PRIMARY KEY ("business_id","skill_id")
);

-- CreateTable
CREATE TABLE "contest" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "starts_on" DATE NOT NULL,
    "ends_on" DATE NOT NULL,

    CONSTRAINT "contest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "contest_result" (
    "id" SERIAL NOT NULL,
    "commune_id" INTEGER NOT NULL,
    "contest_id" INTEGER NOT NULL,
    "village_id" INTEGER,
    "participants" INTEGER NOT NULL,
    "visits" INTEGER NOT NULL,

    CONSTRAINT "contest_result_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "admin_figure" (
    "id" SERIAL NOT NULL,
    "commune_id" INTEGER NOT NULL,
    "month" DATE NOT NULL,
    "applications_total" INTEGER NOT NULL,
    "applications_online" INTEGER NOT NULL,
    "records_digitised" INTEGER NOT NULL DEFAULT 0,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "admin_figure_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "consent" (
    "id" SERIAL NOT NULL,
    "commune_id" INTEGER NOT NULL,
    "member_id" INTEGER,
    "user_id" INTEGER,
    "purpose" "ConsentPurpose" NOT NULL,
    "granted" BOOLEAN NOT NULL,
    "method" TEXT NOT NULL,
    "recorded_by_id" INTEGER,
    "recorded_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "withdrawn_at" TIMESTAMP(3),

    CONSTRAINT "consent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_log" (
    "id" BIGSERIAL NOT NULL,
    "commune_id" INTEGER,
    "actor_id" INTEGER,
    "action" TEXT NOT NULL,
    "entity" TEXT NOT NULL,
    "entity_id" TEXT,
    "details" JSONB,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audit_log_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "commune_code_key" ON "commune"("code");

-- CreateIndex
CREATE UNIQUE INDEX "village_commune_id_code_key" ON "village"("commune_id", "code");

-- CreateIndex
CREATE UNIQUE INDEX "village_commune_id_name_key" ON "village"("commune_id", "name");

-- CreateIndex
CREATE UNIQUE INDEX "youth_branch_commune_id_name_key" ON "youth_branch"("commune_id", "name");

-- CreateIndex
CREATE INDEX "household_commune_id_village_id_idx" ON "household"("commune_id", "village_id");

-- CreateIndex
CREATE INDEX "household_commune_id_last_visit_on_idx" ON "household"("commune_id", "last_visit_on");

-- CreateIndex
CREATE INDEX "household_commune_id_phone_idx" ON "household"("commune_id", "phone");

-- CreateIndex
CREATE INDEX "member_household_id_idx" ON "member"("household_id");

-- CreateIndex
CREATE INDEX "member_commune_id_birth_year_idx" ON "member"("commune_id", "birth_year");

-- CreateIndex
CREATE INDEX "member_commune_id_phone_idx" ON "member"("commune_id", "phone");

-- CreateIndex
CREATE UNIQUE INDEX "skill_commune_id_key_key" ON "skill"("commune_id", "key");

-- CreateIndex
CREATE INDEX "member_skill_commune_id_skill_id_idx" ON "member_skill"("commune_id", "skill_id");

-- CreateIndex
CREATE UNIQUE INDEX "family_criterion_commune_id_skill_id_level_key" ON "family_criterion"("commune_id", "skill_id", "level");

-- CreateIndex
CREATE UNIQUE INDEX "digital_family_household_id_key" ON "digital_family"("household_id");

-- CreateIndex
CREATE INDEX "digital_family_commune_id_status_idx" ON "digital_family"("commune_id", "status");

-- CreateIndex
CREATE INDEX "digital_family_commune_id_branch_id_idx" ON "digital_family"("commune_id", "branch_id");

-- CreateIndex
CREATE UNIQUE INDEX "app_user_username_key" ON "app_user"("username");

-- CreateIndex
CREATE UNIQUE INDEX "app_user_phone_key" ON "app_user"("phone");

-- CreateIndex
CREATE UNIQUE INDEX "app_user_member_id_key" ON "app_user"("member_id");

-- CreateIndex
CREATE INDEX "app_user_commune_id_role_idx" ON "app_user"("commune_id", "role");

-- CreateIndex
CREATE INDEX "volunteer_profile_commune_id_branch_id_idx" ON "volunteer_profile"("commune_id", "branch_id");

-- CreateIndex
CREATE INDEX "assignment_commune_id_volunteer_id_active_idx" ON "assignment"("commune_id", "volunteer_id", "active");

-- CreateIndex
CREATE INDEX "assignment_household_id_idx" ON "assignment"("household_id");

-- CreateIndex
CREATE INDEX "campaign_commune_id_starts_on_idx" ON "campaign"("commune_id", "starts_on");

-- CreateIndex
CREATE UNIQUE INDEX "visit_idempotency_key_key" ON "visit"("idempotency_key");

-- CreateIndex
CREATE INDEX "visit_commune_id_visited_on_idx" ON "visit"("commune_id", "visited_on");

-- CreateIndex
CREATE INDEX "visit_household_id_visited_on_idx" ON "visit"("household_id", "visited_on");

-- CreateIndex
CREATE INDEX "visit_volunteer_id_visited_on_idx" ON "visit"("volunteer_id", "visited_on");

-- CreateIndex
CREATE INDEX "visit_campaign_id_idx" ON "visit"("campaign_id");

-- CreateIndex
CREATE INDEX "visit_item_visit_id_idx" ON "visit_item"("visit_id");

-- CreateIndex
CREATE INDEX "visit_item_commune_id_skill_id_idx" ON "visit_item"("commune_id", "skill_id");

-- CreateIndex
CREATE INDEX "training_event_commune_id_starts_at_idx" ON "training_event"("commune_id", "starts_at");

-- CreateIndex
CREATE UNIQUE INDEX "registration_idempotency_key_key" ON "registration"("idempotency_key");

-- CreateIndex
CREATE INDEX "registration_commune_id_phone_idx" ON "registration"("commune_id", "phone");

-- CreateIndex
CREATE UNIQUE INDEX "registration_event_id_phone_key" ON "registration"("event_id", "phone");

-- CreateIndex
CREATE UNIQUE INDEX "attendance_registration_id_key" ON "attendance"("registration_id");

-- CreateIndex
CREATE INDEX "attendance_event_id_idx" ON "attendance"("event_id");

-- CreateIndex
CREATE INDEX "attendance_commune_id_marked_at_idx" ON "attendance"("commune_id", "marked_at");

-- CreateIndex
CREATE UNIQUE INDEX "household_business_household_id_key" ON "household_business"("household_id");

-- CreateIndex
CREATE INDEX "household_business_commune_id_idx" ON "household_business"("commune_id");

-- CreateIndex
CREATE INDEX "business_skill_commune_id_skill_id_idx" ON "business_skill"("commune_id", "skill_id");

-- CreateIndex
CREATE UNIQUE INDEX "contest_code_key" ON "contest"("code");

-- CreateIndex
CREATE INDEX "contest_result_commune_id_idx" ON "contest_result"("commune_id");

-- CreateIndex
CREATE UNIQUE INDEX "contest_result_contest_id_commune_id_village_id_key" ON "contest_result"("contest_id", "commune_id", "village_id");

-- CreateIndex
CREATE UNIQUE INDEX "admin_figure_commune_id_month_key" ON "admin_figure"("commune_id", "month");

-- CreateIndex
CREATE INDEX "consent_commune_id_member_id_idx" ON "consent"("commune_id", "member_id");

-- CreateIndex
CREATE INDEX "consent_user_id_idx" ON "consent"("user_id");

-- CreateIndex
CREATE INDEX "audit_log_commune_id_at_idx" ON "audit_log"("commune_id", "at");

-- CreateIndex
CREATE INDEX "audit_log_actor_id_at_idx" ON "audit_log"("actor_id", "at");

-- CreateIndex
CREATE INDEX "audit_log_entity_entity_id_idx" ON "audit_log"("entity", "entity_id");

-- AddForeignKey
ALTER TABLE "village" ADD CONSTRAINT "village_commune_id_fkey" FOREIGN KEY ("commune_id") REFERENCES "commune"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "youth_branch" ADD CONSTRAINT "youth_branch_commune_id_fkey" FOREIGN KEY ("commune_id") REFERENCES "commune"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "youth_branch" ADD CONSTRAINT "youth_branch_village_id_fkey" FOREIGN KEY ("village_id") REFERENCES "village"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "household" ADD CONSTRAINT "household_commune_id_fkey" FOREIGN KEY ("commune_id") REFERENCES "commune"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "household" ADD CONSTRAINT "household_village_id_fkey" FOREIGN KEY ("village_id") REFERENCES "village"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "member" ADD CONSTRAINT "member_commune_id_fkey" FOREIGN KEY ("commune_id") REFERENCES "commune"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "member" ADD CONSTRAINT "member_household_id_fkey" FOREIGN KEY ("household_id") REFERENCES "household"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "skill" ADD CONSTRAINT "skill_commune_id_fkey" FOREIGN KEY ("commune_id") REFERENCES "commune"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "member_skill" ADD CONSTRAINT "member_skill_commune_id_fkey" FOREIGN KEY ("commune_id") REFERENCES "commune"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "member_skill" ADD CONSTRAINT "member_skill_member_id_fkey" FOREIGN KEY ("member_id") REFERENCES "member"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "member_skill" ADD CONSTRAINT "member_skill_skill_id_fkey" FOREIGN KEY ("skill_id") REFERENCES "skill"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "member_skill" ADD CONSTRAINT "member_skill_visit_id_fkey" FOREIGN KEY ("visit_id") REFERENCES "visit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "family_criterion" ADD CONSTRAINT "family_criterion_commune_id_fkey" FOREIGN KEY ("commune_id") REFERENCES "commune"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "family_criterion" ADD CONSTRAINT "family_criterion_skill_id_fkey" FOREIGN KEY ("skill_id") REFERENCES "skill"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "digital_family" ADD CONSTRAINT "digital_family_commune_id_fkey" FOREIGN KEY ("commune_id") REFERENCES "commune"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "digital_family" ADD CONSTRAINT "digital_family_household_id_fkey" FOREIGN KEY ("household_id") REFERENCES "household"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "digital_family" ADD CONSTRAINT "digital_family_branch_id_fkey" FOREIGN KEY ("branch_id") REFERENCES "youth_branch"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "app_user" ADD CONSTRAINT "app_user_commune_id_fkey" FOREIGN KEY ("commune_id") REFERENCES "commune"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "app_user" ADD CONSTRAINT "app_user_member_id_fkey" FOREIGN KEY ("member_id") REFERENCES "member"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "volunteer_profile" ADD CONSTRAINT "volunteer_profile_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "volunteer_profile" ADD CONSTRAINT "volunteer_profile_commune_id_fkey" FOREIGN KEY ("commune_id") REFERENCES "commune"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "volunteer_profile" ADD CONSTRAINT "volunteer_profile_branch_id_fkey" FOREIGN KEY ("branch_id") REFERENCES "youth_branch"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "assignment" ADD CONSTRAINT "assignment_commune_id_fkey" FOREIGN KEY ("commune_id") REFERENCES "commune"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "assignment" ADD CONSTRAINT "assignment_household_id_fkey" FOREIGN KEY ("household_id") REFERENCES "household"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "assignment" ADD CONSTRAINT "assignment_volunteer_id_fkey" FOREIGN KEY ("volunteer_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "assignment" ADD CONSTRAINT "assignment_assigned_by_id_fkey" FOREIGN KEY ("assigned_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "campaign" ADD CONSTRAINT "campaign_commune_id_fkey" FOREIGN KEY ("commune_id") REFERENCES "commune"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "visit" ADD CONSTRAINT "visit_commune_id_fkey" FOREIGN KEY ("commune_id") REFERENCES "commune"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "visit" ADD CONSTRAINT "visit_household_id_fkey" FOREIGN KEY ("household_id") REFERENCES "household"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "visit" ADD CONSTRAINT "visit_volunteer_id_fkey" FOREIGN KEY ("volunteer_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "visit" ADD CONSTRAINT "visit_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "campaign"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "visit_item" ADD CONSTRAINT "visit_item_commune_id_fkey" FOREIGN KEY ("commune_id") REFERENCES "commune"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "visit_item" ADD CONSTRAINT "visit_item_visit_id_fkey" FOREIGN KEY ("visit_id") REFERENCES "visit"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "visit_item" ADD CONSTRAINT "visit_item_skill_id_fkey" FOREIGN KEY ("skill_id") REFERENCES "skill"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "visit_item" ADD CONSTRAINT "visit_item_member_id_fkey" FOREIGN KEY ("member_id") REFERENCES "member"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "visit_co_volunteer" ADD CONSTRAINT "visit_co_volunteer_visit_id_fkey" FOREIGN KEY ("visit_id") REFERENCES "visit"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "visit_co_volunteer" ADD CONSTRAINT "visit_co_volunteer_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "training_event" ADD CONSTRAINT "training_event_commune_id_fkey" FOREIGN KEY ("commune_id") REFERENCES "commune"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "training_event" ADD CONSTRAINT "training_event_partner_commune_id_fkey" FOREIGN KEY ("partner_commune_id") REFERENCES "commune"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "registration" ADD CONSTRAINT "registration_commune_id_fkey" FOREIGN KEY ("commune_id") REFERENCES "commune"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "registration" ADD CONSTRAINT "registration_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "training_event"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "registration" ADD CONSTRAINT "registration_member_id_fkey" FOREIGN KEY ("member_id") REFERENCES "member"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "registration" ADD CONSTRAINT "registration_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "attendance" ADD CONSTRAINT "attendance_commune_id_fkey" FOREIGN KEY ("commune_id") REFERENCES "commune"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "attendance" ADD CONSTRAINT "attendance_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "training_event"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "attendance" ADD CONSTRAINT "attendance_registration_id_fkey" FOREIGN KEY ("registration_id") REFERENCES "registration"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "attendance" ADD CONSTRAINT "attendance_marked_by_id_fkey" FOREIGN KEY ("marked_by_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "household_business" ADD CONSTRAINT "household_business_commune_id_fkey" FOREIGN KEY ("commune_id") REFERENCES "commune"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "household_business" ADD CONSTRAINT "household_business_household_id_fkey" FOREIGN KEY ("household_id") REFERENCES "household"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "business_skill" ADD CONSTRAINT "business_skill_commune_id_fkey" FOREIGN KEY ("commune_id") REFERENCES "commune"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "business_skill" ADD CONSTRAINT "business_skill_business_id_fkey" FOREIGN KEY ("business_id") REFERENCES "household_business"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "business_skill" ADD CONSTRAINT "business_skill_skill_id_fkey" FOREIGN KEY ("skill_id") REFERENCES "skill"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "contest_result" ADD CONSTRAINT "contest_result_commune_id_fkey" FOREIGN KEY ("commune_id") REFERENCES "commune"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "contest_result" ADD CONSTRAINT "contest_result_contest_id_fkey" FOREIGN KEY ("contest_id") REFERENCES "contest"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "contest_result" ADD CONSTRAINT "contest_result_village_id_fkey" FOREIGN KEY ("village_id") REFERENCES "village"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "admin_figure" ADD CONSTRAINT "admin_figure_commune_id_fkey" FOREIGN KEY ("commune_id") REFERENCES "commune"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "consent" ADD CONSTRAINT "consent_commune_id_fkey" FOREIGN KEY ("commune_id") REFERENCES "commune"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "consent" ADD CONSTRAINT "consent_member_id_fkey" FOREIGN KEY ("member_id") REFERENCES "member"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "consent" ADD CONSTRAINT "consent_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "consent" ADD CONSTRAINT "consent_recorded_by_id_fkey" FOREIGN KEY ("recorded_by_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_commune_id_fkey" FOREIGN KEY ("commune_id") REFERENCES "commune"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_actor_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;
