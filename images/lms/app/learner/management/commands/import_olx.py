"""Imports an Open edX OLX course export (.tar.gz, read as a stream: any size) into the catalog; importing it again updates it in place."""
import sys

from django.core.management.base import BaseCommand, CommandError

from learner import olx
from learner.course_store import save_course
from learner.models import Block


class Command(BaseCommand):
    help = "Import an OLX course (.tar.gz) from ARCHIVE, or from stdin when ARCHIVE is '-' (how the pipeline's ImportCourse streams it)."

    def add_arguments(self, parser):
        parser.add_argument("archive", help="path of the .tar.gz, or - to read it from stdin")
        parser.add_argument("--course-id", help="import under this key (course-v1:ORG+NUMBER+RUN) instead of the archive's")

    def handle(self, archive, course_id, **options):
        try:
            with sys.stdin.buffer if archive == "-" else open(archive, "rb") as stream:
                course_fields, tree, skipped = olx.read_course(olx.Archive.from_tar(stream), course_id)
        except olx.OlxError as e:
            raise CommandError(f"Cannot import the course: {e}")
        except OSError as e:
            raise CommandError(f"Cannot read {archive}: {e.strerror}")
        course, created, _, removed = save_course(course_fields, tree)
        counts = {kind: Block.objects.filter(course=course, block_type=kind).count() for kind, _ in Block.TYPES}
        self.stdout.write(
            f"{'Imported' if created else 'Updated'} {course.id} '{course.display_name}': "
            + ", ".join(f"{n} {kind}" for kind, n in counts.items())
            + (f"; {removed} blocks no longer in the archive removed" if removed else "")
        )
        if skipped:
            self.stdout.write(f"Skipped {len(skipped)} blocks this LMS does not serve: {', '.join(skipped[:10])}{' ...' if len(skipped) > 10 else ''}")
