# why: pip install --user as root puts the packages in /root/.local; /root is 0700, so under --nonroot uid 65532 could not import them: refused naming the COPY (review 6)
FROM python:3.13-slim AS builder
COPY requirements.txt .
RUN pip install --user --no-cache-dir -r requirements.txt

FROM python:3.13-slim
WORKDIR /code
COPY --from=builder /root/.local /root/.local
COPY ./src .
ENV PATH=/root/.local/bin:$PATH
CMD ["python", "./main.py"]
