# syntax=docker/dockerfile:1
# Build stage: all dependencies (TypeScript included), the Prisma client, then src/ compiled to
# dist/; development dependencies are pruned before the run stage copies node_modules.
FROM node:24-slim AS build
WORKDIR /app
COPY package.json package-lock.json prisma.config.ts tsconfig.json tsconfig.build.json ./
COPY prisma ./prisma
RUN npm ci --no-audit --no-fund
COPY src ./src
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

# Run stage: Node 24 LTS, compiled JavaScript only (no TypeScript loader in the process), non-root.
FROM node:24-slim
ENV NODE_ENV=production PORT=3000 DATA_DIR=/data
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
# Migrations are read at start from prisma/migrations (next to dist/).
COPY prisma ./prisma
COPY examples ./examples
RUN mkdir -p /data && chown node:node /data
USER node
# The embedded PGlite database lives here when DATABASE_URL is not set.
VOLUME ["/data"]
EXPOSE 3000
# Liveness only (/livez): a Slack or database outage must not restart every replica; /readyz is for load balancers.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/livez').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# Operator CLIs in the image: node dist/cli/import-directory.js <file>, node dist/cli/export-reports.js,
# node dist/cli/erase-person.js <SlackID>, node dist/cli/my-data.js <SlackID>
CMD ["node", "dist/main.js"]
