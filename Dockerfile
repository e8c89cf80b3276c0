# CEU Finder: API + widget + crawl scheduler (`pnpm start`). Workspace packages run from TypeScript with tsx,
# so the image is the repository with its dependencies installed; nothing is built.
FROM node:20-bookworm-slim

# Chromium for the browser fetcher (JavaScript-rendered catalogs); python3/make/g++ in case better-sqlite3
# has no prebuilt binary for this platform.
RUN apt-get update \
  && apt-get install -y --no-install-recommends chromium python3 make g++ ca-certificates \
  && rm -rf /var/lib/apt/lists/*

ENV CI=true
# The version in package.json's packageManager; installed globally so the unprivileged user needs no download.
RUN npm install -g pnpm@10.34.9
WORKDIR /app

# Manifests first, so that dependency installation is cached until a manifest or the lockfile changes.
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml ./
COPY shared/package.json shared/
COPY search/package.json search/
COPY crawlers/package.json crawlers/
COPY api/package.json api/
COPY tests/package.json tests/
RUN pnpm install --frozen-lockfile

COPY . .

ENV HOST=0.0.0.0 \
    PORT=8787 \
    CEU_DATA_DIR=/data
RUN mkdir -p /data && chown node:node /data
VOLUME ["/data"]
EXPOSE 8787
USER node
CMD ["pnpm", "start"]
