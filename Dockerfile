# syntax=docker/dockerfile:1
# The job-x admission webhook image (job-x-webhook; see docs/deploy.md).
#
#   docker build -t REGISTRY/job-x-webhook:0.1.0 .
#
# Stage 1 installs the dependencies from the lockfile and runs `npm run build`, which bundles the
# server with everything it uses (express, the policy engine, the policy schema, yaml, ajv) into
# dist/webhook/*.cjs. Stage 2 is that bundle, its launcher and package.json on a distroless
# Node.js 24 base: no shell, no package manager, no node_modules, a non-root numeric user.

ARG NODE_BUILD_IMAGE=node:24-bookworm-slim
ARG NODE_RUNTIME_IMAGE=gcr.io/distroless/nodejs24-debian12:nonroot

FROM ${NODE_BUILD_IMAGE} AS build
WORKDIR /src
COPY package.json package-lock.json ./
# --ignore-scripts: no dependency runs code at install time, and `prepare` (a build) waits until
# the sources are here. npm scripts then use this image's Node 24 (the devDependency "node"
# would only download the same runtime again). `npm install`, not `npm ci`: the lockfile is written
# without the other platforms' optional packages (see the README), which `npm ci` refuses.
RUN npm install --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY schemas ./schemas
COPY kubernetes ./kubernetes
COPY policy ./policy
COPY edge ./edge
COPY plugin ./plugin
COPY webhook ./webhook
COPY scripts ./scripts
COPY bin ./bin
RUN npm run build \
  && node bin/job-x-webhook.js --version

FROM ${NODE_RUNTIME_IMAGE}
WORKDIR /app
ENV NODE_ENV=production
# package.json: "type": "module" for bin/job-x-webhook.js, and the version.
COPY --from=build /src/package.json ./package.json
COPY --from=build /src/bin/job-x-webhook.js ./bin/job-x-webhook.js
COPY --from=build /src/dist/webhook/server.cjs /src/dist/webhook/vendor-yaml.cjs /src/dist/webhook/vendor-ajv.cjs ./dist/webhook/
# distroless "nonroot": uid/gid 65532, the same numbers the Deployment's securityContext asks for.
USER 65532:65532
EXPOSE 8443
# A 4 MiB young generation: V8 otherwise grows it to 128 MiB under load on a large node, and the
# pod's RSS with it (bench:webhook measured 154 MiB peak by default, 112 MiB with this, at the
# same CPU per request).
ENTRYPOINT ["/nodejs/bin/node", "--max-semi-space-size=4", "/app/bin/job-x-webhook.js"]
CMD ["--help"]
