"""Imports an Open edX OLX course export (.tar.gz) into the catalog; importing it again updates it in place."""
import base64
import binascii
import io
import os

from django.core.management.base import BaseCommand, CommandError

from learner import olx
from learner.course_store import save_course
from learner.models import Block


class Command(BaseCommand):
    help = "Import an OLX course (.tar.gz): from ARCHIVE, else base64 in LMS_COURSE_ARCHIVE (how the pipeline's one-off step passes it)."

    def add_arguments(self, parser):
        parser.add_argument("archive", nargs="?", help="path of the .tar.gz; default: LMS_COURSE_ARCHIVE")
        parser.add_argument("--course-id", help="import under this key (course-v1:ORG+NUMBER+RUN) instead of the archive's")

    def handle(self, archive, course_id, **options):
        try:
            course_fields, tree, skipped = olx.read_course(olx.Archive.from_tar(io.BytesIO(self.read(archive))), course_id)
        except olx.OlxError as e:
            raise CommandError(f"Cannot import the course: {e}")
        course, created, _, removed = save_course(course_fields, tree)
        counts = {kind: Block.objects.filter(course=course, block_type=kind).count() for kind, _ in Block.TYPES}
        self.stdout.write(
            f"{'Imported' if created else 'Updated'} {course.id} '{course.display_name}': "
            + ", ".join(f"{n} {kind}" for kind, n in counts.items())
            + (f"; {removed} blocks no longer in the archive removed" if removed else "")
        )
        if skipped:
            self.stdout.write(f"Skipped {len(skipped)} blocks this LMS does not serve: {', '.join(skipped[:10])}{' ...' if len(skipped) > 10 else ''}")

    @staticmethod
    def read(archive):
        if archive:
            with open(archive, "rb") as f:
                return f.read()
        encoded = os.environ.get("LMS_COURSE_ARCHIVE")
        if not encoded:
            raise CommandError("Give the archive's path, or its base64 in LMS_COURSE_ARCHIVE.")
        try:
            return base64.b64decode(encoded, validate=True)
        except binascii.Error as e:
            raise CommandError(f"LMS_COURSE_ARCHIVE is not base64 ({e})")
