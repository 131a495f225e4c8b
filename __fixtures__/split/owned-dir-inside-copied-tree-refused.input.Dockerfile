# why: /srv/instance belongs to the created user appuser (65532 on the target) but lies inside /srv, copied with its old owners: no order of COPY lines re-owns it (an existing top directory keeps its owner, a nested one takes its source owner), so refused naming the chown line
FROM python:3.13-slim-trixie
RUN useradd --uid 1000 --create-home appuser
WORKDIR /srv
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
RUN mkdir -p /srv/instance && chown appuser:appuser /srv/instance
USER appuser
VOLUME ["/srv/instance"]
EXPOSE 5000
CMD ["python", "-m", "flask", "--app", "wiki", "run", "--host", "0.0.0.0"]
