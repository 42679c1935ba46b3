# The portal for deployment: `docker compose up` (PostgreSQL plus this app). See README.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build

FROM node:20-bookworm-slim
# pg_dump/pg_restore 15 (Debian 12) for `npm run db:backup` / `db:restore` inside the container.
RUN apt-get update && apt-get install -y --no-install-recommends postgresql-client \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
ENV NODE_ENV=production PORT=3000
COPY --from=build /app /app
EXPOSE 3000
# Applies pending migrations, then serves. DATABASE_URL and AUTH_SECRET come from the environment.
CMD ["npm", "start"]
