# why: pip install --target /deps makes /deps itself the package directory; copied to /app/deps, that is what PYTHONPATH names
FROM python:3.13-slim AS build
COPY requirements.txt .
RUN pip install --no-cache-dir --target /deps -r requirements.txt

FROM gcr.io/distroless/python3-debian13
COPY --from=build /deps /app/deps
COPY main.py /app/
WORKDIR /app
ENV PYTHONPATH=/app/deps
CMD ["main.py"]
