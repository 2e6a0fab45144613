"""SQLite backups restored through SQLite's online backup API.

django-dbbackup's SqliteBackupConnector restores by writing the backup over the database
file, which corrupts a database in WAL mode (ours) whose -wal file still holds pages,
and cannot reach an in-memory database. Copying page by page into the open connection is
safe in both cases.
"""

import sqlite3
from pathlib import Path
from tempfile import TemporaryDirectory

from dbbackup.db.sqlite import SqliteBackupConnector


class SqliteOnlineRestoreConnector(SqliteBackupConnector):
    def restore_dump(self, dump):
        self.connection.ensure_connection()
        with TemporaryDirectory() as folder:
            path = Path(folder) / "restore.sqlite3"
            path.write_bytes(dump.read())
            source = sqlite3.connect(path)
            try:
                source.backup(self.connection.connection)
            finally:
                source.close()
