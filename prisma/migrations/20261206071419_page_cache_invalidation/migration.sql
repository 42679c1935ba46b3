-- CreateTable
CREATE TABLE "page_cache_invalidation" (
    "tag" TEXT NOT NULL,
    "version" BIGSERIAL NOT NULL,

    CONSTRAINT "page_cache_invalidation_pkey" PRIMARY KEY ("tag")
);
