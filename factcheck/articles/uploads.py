"""Refusing an oversized upload before any of it is stored.

Django spools an uploaded file to a temporary file as it reads it; the import form can
only say "too large" once the whole file is on disk. ``UploadLimitHandler`` runs first
and looks at the request's length: past ``FACTCHECK_MAX_UPLOAD_BYTES`` (and the room the
other form fields may take), it stops the upload at the first file, so the rest of the
body is read and thrown away, never written. The view then shows the size and the limit.
Form fields after the first file are not read: a client must send the CSRF token first
(the form does) or in the X-CSRFToken header.
A proxy in front can refuse such a request sooner still (nginx ``client_max_body_size``).

Every other URL takes no files: a multipart body longer than ``DATA_UPLOAD_MAX_MEMORY_SIZE``
is refused (400) before any of it is read, as Django already refuses other bodies.
"""

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.urls import reverse

REFUSED_ATTRIBUTE = "upload_refused_bytes"


class UploadLimitHandler(FileUploadHandler):
    too_large = False

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        # Only the import form, whose view reports the refusal; it puts its CSRF token
        # before the files, so the token is read before the upload stops.
        if self.request is None:
            return
        if self.request.path != reverse("articles:import"):
            limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
            if limit is not None and content_length > limit:
                raise RequestDataTooBig("Request body exceeded DATA_UPLOAD_MAX_MEMORY_SIZE.")
            return
        room = settings.FACTCHECK_MAX_UPLOAD_BYTES + (settings.DATA_UPLOAD_MAX_MEMORY_SIZE or 0)
        self.too_large = content_length > room
        self.content_length = content_length

    def new_file(self, *args, **kwargs):
        if self.too_large:
            setattr(self.request, REFUSED_ATTRIBUTE, self.content_length)
            raise StopUpload(connection_reset=False)
        super().new_file(*args, **kwargs)

    def receive_data_chunk(self, raw_data, start):
        return raw_data

    def file_complete(self, file_size):
        return None


def refused_upload_size(request) -> int | None:
    """The length of the request whose upload was refused, or None."""
    return getattr(request, REFUSED_ATTRIBUTE, None)
