# syntax=docker/dockerfile:1
# Build stage: install production dependencies and generate the Prisma client.
FROM node:20-slim AS build
WORKDIR /app
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma ./prisma
RUN npm ci --omit=dev --no-audit --no-fund

# Run stage: slim Node 20, production dependencies only, non-root.
FROM node:20-slim
ENV NODE_ENV=production PORT=3000 DATA_DIR=/data
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/src/db/generated ./src/db/generated
COPY package.json prisma.config.ts tsconfig.json ./
COPY prisma ./prisma
COPY src ./src
COPY examples ./examples
RUN mkdir -p /data && chown node:node /data
USER node
# The embedded PGlite database lives here when DATABASE_URL is not set.
VOLUME ["/data"]
EXPOSE 3000
# Liveness only (/livez): a Slack or database outage must not restart every replica; /readyz is for load balancers.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/livez').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "--import", "tsx", "src/main.ts"]
