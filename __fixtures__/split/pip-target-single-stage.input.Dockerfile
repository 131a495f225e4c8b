# why: pip install --target=/deps in the single stage, and the stage's own PYTHONPATH=/deps: the split copies /deps (as well as the interpreter's site-packages) so the imports still resolve (review 7)
FROM python:3.13-slim-trixie
ENV PYTHONPATH=/deps
WORKDIR /srv
COPY requirements.txt .
RUN pip install --no-cache-dir --target=/deps -r requirements.txt
COPY main.py .
CMD ["python", "main.py"]
