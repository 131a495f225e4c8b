# why: a shell-form ENTRYPOINT keeps its role: every word goes into the exec-form ENTRYPOINT (nothing moves to CMD)
FROM golang:1.24-alpine AS build
WORKDIR /src
COPY . .
RUN go build -o /out/agent ./cmd/agent

FROM scratch
COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
COPY --from=build /out/agent /usr/local/bin/agent
COPY agent.yaml /etc/agent/agent.yaml
ENTRYPOINT ["/usr/local/bin/agent", "--config", "/etc/agent/agent.yaml"]
