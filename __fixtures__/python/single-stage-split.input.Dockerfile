# why: the only stage installs the requirements into the image's site-packages and runs the app: split (RULES §6), the app directory and the site-packages are copied, PYTHONPATH names the latter
FROM python:3.13-slim
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
CMD ["python", "app.py"]
