# why: DHI keeps the interpreter word, but the stage's PATH puts /venv/bin first, and /venv/bin/python3 links to the builder's /usr/local/bin/python3, which DHI lacks: the command names DHI's interpreter /usr/bin/python3.12 by its path, and PYTHONPATH the venv's packages
FROM python:3.12-slim AS build
RUN python -m venv /venv
COPY requirements.txt .
RUN /venv/bin/pip install -r requirements.txt

FROM dhi.io/python:3.12-debian13
USER 0
COPY --from=build /venv /venv
ENV PATH="/venv/bin:$PATH"
COPY app.py /app/app.py
WORKDIR /app
ENV PYTHONPATH=/venv/lib/python3.12/site-packages
CMD ["/usr/bin/python3.12", "app.py"]
