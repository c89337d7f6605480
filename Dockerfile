# The Loadlens image for scale-out (docs/scale-out.md): `loadlens` on PATH, run as a non-root user,
# with no build tools and no package manager in the final image.
#   docker build -t loadlens:0.1.0 .

# Build: the CLI bundle from the sources, packed as the npm package would be published.
FROM node:20-bookworm AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts
COPY . .
RUN npm run build && npm pack --pack-destination /tmp \
 && mkdir -p /opt/loadlens && tar -xzf /tmp/loadlens-*.tgz -C /opt/loadlens --strip-components=1 \
 && cd /opt/loadlens && npm install --omit=dev --ignore-scripts --no-audit --no-fund

# Run: Node and the package only.
FROM node:20-bookworm-slim
RUN rm -rf /usr/local/lib/node_modules/npm /usr/local/lib/node_modules/corepack /usr/local/bin/npm /usr/local/bin/npx /usr/local/bin/corepack /opt/yarn-* /usr/local/bin/yarn /usr/local/bin/yarnpkg
COPY --from=build --chown=root:root /opt/loadlens /opt/loadlens
RUN ln -s /opt/loadlens/dist/cli.js /usr/local/bin/loadlens && chmod 0755 /opt/loadlens/dist/cli.js
# The `node` user (uid 1000) of the base image; the pod's securityContext says the same.
USER 1000:1000
WORKDIR /tmp
ENTRYPOINT ["loadlens"]
CMD ["--help"]
