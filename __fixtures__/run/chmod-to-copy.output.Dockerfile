# why: "RUN chmod +x FILE" on a file the stage copies becomes --chmod=755 on that COPY, written right after "COPY " and before --from; the RUN goes
FROM golang:1.24-alpine AS build
WORKDIR /src
COPY . .
RUN go build -o /out/scheduler ./cmd/scheduler

FROM scratch
COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
COPY --chmod=755 --from=build /out/scheduler /usr/local/bin/scheduler
ENTRYPOINT ["/usr/local/bin/scheduler"]
