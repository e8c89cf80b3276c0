# CEU Finder: API + widget + crawl scheduler (`pnpm start`), from compiled JavaScript.
# Stage 1 installs every dependency, compiles the workspace (`pnpm build`: tsc into each package's dist/, the
# widget into api/widget/dist/widget.js), then drops the dev dependencies (`pnpm install --prod`).
# Stage 2 is that result on a slim Node with Chromium: no compiler, no TypeScript, no tsx, no esbuild.
FROM node:20-bookworm-slim AS build
# python3/make/g++ only in case better-sqlite3 has no prebuilt binary for this platform (it has for
# linux x64/arm64 glibc); they stay in this stage.
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ ca-certificates \
  && rm -rf /var/lib/apt/lists/*
ENV CI=true
# The version in package.json's packageManager.
RUN npm install -g pnpm@10.34.9
WORKDIR /app
COPY . .
RUN pnpm install --frozen-lockfile \
  && pnpm build \
  && pnpm install --prod --frozen-lockfile \
  && pnpm prune --prod

FROM node:20-bookworm-slim
# Chromium for the browser fetcher (JavaScript-rendered catalogs).
RUN apt-get update \
  && apt-get install -y --no-install-recommends chromium ca-certificates \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app /app
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=8787 \
    CEU_DATA_DIR=/data
RUN mkdir -p /data && chown node:node /data
VOLUME ["/data"]
EXPOSE 8787
USER node
CMD ["node", "api/server/dist/main.js", "serve"]
