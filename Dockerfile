# The portal for deployment: `docker compose up` (PostgreSQL plus this app). See README.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production PORT=3000
COPY --from=build /app /app
EXPOSE 3000
# Applies pending migrations, then serves. DATABASE_URL and AUTH_SECRET come from the environment.
CMD ["npm", "start"]
