#!/usr/bin/env bash
# Prints the SQL Prisma would write to go from the migrations in prisma/migrations to prisma/schema.prisma.
# Prisma 7's schema engine is a native binary that cannot be downloaded on offline machines; Prisma 6.19's
# experimental JS engine computes the same diff without it. Use this to write a new
# prisma/migrations/<timestamp>_<name>/migration.sql, then review it by hand.
#   scripts/migration-diff.sh            # diff from empty (the whole schema)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
npm init -y >/dev/null
npm install --silent --no-audit --no-fund prisma@6.19 @prisma/adapter-pg@6.19 pg >/dev/null 2>&1
mkdir prisma
# Prisma 6 wants the URL in the schema and only knows the prisma-client-js generator.
sed -e '/^generator pothos/,/^}/d' -e '/^generator client/,/^}/c generator client {\n  provider = "prisma-client-js"\n}' \
    -e 's/^datasource db {/datasource db {\n  url = "postgresql:\/\/unused@127.0.0.1\/unused"/' \
    "$root/prisma/schema.prisma" > prisma/schema.prisma
cat > prisma.config.ts <<'CFG'
import { defineConfig } from 'prisma/config';
import { PrismaPg } from '@prisma/adapter-pg';
export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: 'prisma/schema.prisma',
  // The JS engine opens a connection even for a schema-to-schema diff; it reads nothing from it.
  adapter: async () => new PrismaPg({ connectionString: process.env.DIFF_DATABASE_URL }),
} as any);
CFG
touch engine-placeholder
export DIFF_DATABASE_URL=${DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/postgres}
PRISMA_QUERY_ENGINE_LIBRARY=$work/engine-placeholder PRISMA_SCHEMA_ENGINE_BINARY=$work/engine-placeholder \
  npx --no-install prisma migrate diff --from-empty --to-schema-datamodel prisma/schema.prisma --script 
