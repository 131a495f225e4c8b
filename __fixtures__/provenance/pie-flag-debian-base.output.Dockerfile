# why: -buildmode=pie links the dynamic loader even with CGO_ENABLED=0, so the binary is not static: on a Debian builder it needs glibc's loader, distroless base, not scratch
FROM golang:1.24-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -buildmode=pie -trimpath -ldflags="-s -w" -o /out/payments ./cmd/payments

FROM gcr.io/distroless/base-debian13
COPY --from=build /out/payments /usr/local/bin/payments
EXPOSE 8443
ENTRYPOINT ["/usr/local/bin/payments"]
