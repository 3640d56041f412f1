# syntax=docker/dockerfile:1
# The current Node.js LTS (26 "Lithium"; CI proves the same line with .ci/run). Build and run
# on the same Debian (glibc) base: better-sqlite3 is a native addon, and a binary built
# against one libc or Node ABI does not load on another.
FROM node:26-trixie-slim AS build
WORKDIR /app
# Compilers only for the case where better-sqlite3 has no prebuilt binary to download.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
# `npm ci` runs the `prepare` script (scripts/build.js), which skips the build here: src/ is
# copied below, so a change to the sources does not reinstall the dependencies.
COPY scripts/build.js ./scripts/
COPY bin/compiled-build.js ./bin/
RUN npm ci
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build && npm prune --omit=dev

FROM node:26-trixie-slim AS run
ENV NODE_ENV=production PORT=3000 LOG_FORMAT=json
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY bin ./bin
COPY config ./config
# The image's `node` user (uid 1000) owns only the data volume; the code stays read-only.
RUN mkdir -p /app/data && chown -R node:node /app/data
USER node
VOLUME ["/app/data"]
EXPOSE 3000
# Liveness only (the process answers); readiness (store and chat up) is /readyz, used by
# docker-compose.yml and orchestrators to route and to order start-up.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
ENTRYPOINT ["node", "bin/wirewatch.js"]
CMD ["run"]
