# syntax=docker/dockerfile:1
# gyoryu as a small container: a static Go binary on distroless, run as non-root.
#   docker build -t gyoryu .
#   docker run -p 8080:8080 -v gyoryu-data:/data gyoryu   # SQLite in the /data volume
# The *_templ.go files and static/dist are committed, so neither templ nor Node is needed.

ARG GO_VERSION=1.27.3

FROM golang:${GO_VERSION}-bookworm AS build
# Go 1.27.3 from the module proxy whatever Go the image has, as in the Makefile and .ci/run.
ENV GOTOOLCHAIN=go1.27.3 CGO_ENABLED=0
WORKDIR /src
COPY go.mod go.sum ./
RUN --mount=type=cache,target=/go/pkg/mod \
    go mod download
COPY . .
RUN --mount=type=cache,target=/go/pkg/mod \
    --mount=type=cache,target=/root/.cache/go-build \
    go build -trimpath -ldflags='-s -w' -o /out/web ./cmd/web \
 && mkdir -p /out/data

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/web /web
# The volume's mount point must belong to nonroot (65532) for SQLite to write there.
COPY --from=build --chown=65532:65532 /out/data /data
USER nonroot:nonroot
ENV ADDR=0.0.0.0:8080 \
    SQLITE_PATH=/data/gyoryu.db
EXPOSE 8080
VOLUME /data
# distroless has no curl: the binary checks itself (GET http://$ADDR/healthz).
HEALTHCHECK --interval=30s --timeout=5s --start-period=15s --retries=3 \
    CMD ["/web", "healthcheck"]
ENTRYPOINT ["/web"]
CMD ["serve"]
