# The Japan–Vietnam defence log API. See README.md, "Docker compose".
FROM node:20-bookworm-slim

WORKDIR /app

# Dependencies first, so this layer is cached until package*.json or the generator inputs change.
# `npm ci` runs the project's postinstall (`npm run generate`): `prisma generate` (needs prisma/,
# prisma.config.ts, scripts/) and the offline GraphiQL bundle (needs src/graphiql/browser/).
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma/ ./prisma/
COPY scripts/ ./scripts/
COPY src/graphiql/browser/ ./src/graphiql/browser/
RUN npm ci --no-audit --no-fund

# The rest of the source. .dockerignore keeps src/generated/ and public/graphiql/ out, so the files
# generated above are not overwritten by a developer's local copies.
COPY . .

# The embedded database (used only when DATABASE_URL is unset) writes to /app/.data.
RUN mkdir -p .data && chown node:node .data
USER node

ENV NODE_ENV=production \
    PORT=4000
EXPOSE 4000

HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:' + (process.env.PORT || 4000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"

# Applies pending migrations, seeds according to SEED (see README, "Configuration"), then serves.
CMD ["npx", "tsx", "src/main.ts"]
