# The Japan–Vietnam defence log API. See README.md, "Docker compose".
FROM node:20-bookworm-slim

WORKDIR /app

# Dependencies first, so this layer is cached until package*.json or the generator inputs change.
# `npm ci` runs the project's postinstall (`npm run generate`): `prisma generate` (needs prisma/,
# prisma.config.ts, scripts/) and the offline GraphiQL bundle (needs src/features/graphiql/browser/); the
# tests' schema types are skipped, as the tests are not copied yet.
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma/ ./prisma/
COPY scripts/ ./scripts/
COPY src/features/graphiql/browser/ ./src/features/graphiql/browser/
RUN npm ci --no-audit --no-fund

# The rest of the source. .dockerignore keeps src/generated/, public/graphiql/ and dist/ out, so the files
# generated above are not overwritten by a developer's local copies.
COPY . .

# The server bundle `npm start` runs (dist/server.mjs, see scripts/build-server.mjs).
RUN npm run build

# The embedded database (used only when DATABASE_URL is unset) writes to /app/.data.
RUN mkdir -p .data && chown node:node .data
USER node

ENV NODE_ENV=production \
    PORT=4000
EXPOSE 4000

HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:' + (process.env.PORT || 4000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"

# Applies pending migrations, seeds according to SEED (see README, "Configuration"), then serves.
# The same command as package.json's `start` (keep the Node flags in step), run without npm so that the
# server itself is PID 1 and gets SIGTERM directly; the bundle was built above.
CMD ["node", "--max-old-space-size=384", "dist/server.mjs"]
