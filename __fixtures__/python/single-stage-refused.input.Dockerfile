# why: the only stage pip-installs the dependencies and runs the app: refused as single stage until splitting exists, naming the pip line
FROM python:3.13-slim
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
CMD ["python", "app.py"]
