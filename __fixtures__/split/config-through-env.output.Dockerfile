# why: the program reads /etc/ledger/ledger.toml through ENV: every file the stage COPY'd is carried, not only those the command names
FROM python:3.13-slim-trixie AS build
RUN python -m venv /venv
COPY requirements.txt .
RUN /venv/bin/pip install -r requirements.txt

FROM python:3.13-slim-trixie AS build-2
RUN useradd --system --uid 999 ledger
COPY --from=build /venv /venv
COPY config/ledger.toml /etc/ledger/ledger.toml
ENV LEDGER_CONFIG=/etc/ledger/ledger.toml
WORKDIR /app
COPY ledger ./ledger
RUN python -m compileall -q /app
USER ledger
CMD ["/venv/bin/python", "-m", "ledger"]

FROM gcr.io/distroless/python3-debian13:nonroot
WORKDIR /app
COPY --from=build-2 /app /app
COPY --from=build-2 /venv /venv
COPY --from=build-2 /etc/ledger/ledger.toml /etc/ledger/ledger.toml
ENV LEDGER_CONFIG=/etc/ledger/ledger.toml
USER nonroot
ENV PYTHONPATH=/venv/lib/python3.13/site-packages
CMD ["-m", "ledger"]
