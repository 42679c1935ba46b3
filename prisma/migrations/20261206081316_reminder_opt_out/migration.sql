-- CreateTable
CREATE TABLE "reminder_opt_out" (
    "phone" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "reminder_opt_out_pkey" PRIMARY KEY ("phone")
);
