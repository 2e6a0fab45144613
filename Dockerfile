FROM python:3.13-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
WORKDIR /app
COPY . .
RUN pip install --no-cache-dir -e .
# collectstatic reads settings but no database; this key exists only for the build step.
RUN DJANGO_SETTINGS_MODULE=factcheck.settings.production \
    SECRET_KEY="$(python -c 'import secrets; print(secrets.token_urlsafe(50))')" \
    python manage.py collectstatic --no-input
EXPOSE 8000
CMD ["gunicorn", "factcheck.wsgi", "--bind", "0.0.0.0:8000", "--workers", "4"]
